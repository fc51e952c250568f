package com.kapta.mailchimp.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Unmatched;

import com.kapta.mailchimp.KaptaException;

/** A command whose job this version does not have yet: listed in help, and says so when run. */
@Command
class NotAvailableCommand implements Callable<Integer> {

	private final String name;

	@Unmatched
	private List<String> ignored;

	private NotAvailableCommand(String name) {
		this.name = name;
	}

	static CommandLine spec(String name, String description) {
		CommandSpec spec = CommandSpec.forAnnotatedObject(new NotAvailableCommand(name));
		spec.usageMessage().description(description + " (not available yet)");
		return new CommandLine(spec);
	}

	@Override
	public Integer call() {
		throw new KaptaException("'" + this.name + "' is not available yet in this version of Kapta's Mailchimp sync");
	}

}
