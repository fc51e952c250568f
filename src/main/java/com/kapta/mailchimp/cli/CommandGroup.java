package com.kapta.mailchimp.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands: run alone, it is a usage error naming them. */
abstract class CommandGroup implements Runnable {

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(),
				"Missing subcommand: one of " + String.join(", ", this.spec.subcommands().keySet()));
	}

}
