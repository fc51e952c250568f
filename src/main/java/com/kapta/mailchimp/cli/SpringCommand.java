package com.kapta.mailchimp.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that needs the application: it gets its beans from the context the root
 * command starts.
 */
abstract class SpringCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	<T> T bean(Class<T> type) {
		return root().context().getBean(type);
	}

	KaptaCli root() {
		return (KaptaCli) this.spec.root().userObject();
	}

	PrintWriter out() {
		return this.spec.commandLine().getOut();
	}

}
