package com.kapta.mailchimp.cli;

import java.io.PrintWriter;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.kapta.mailchimp.Causes;
import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.KaptaApplication;
import com.kapta.mailchimp.KaptaException;

/**
 * {@code ./run.sh COMMAND [options]}: parses the command line with picocli, starts the
 * Spring context only for a command that needs it, and turns every outcome into an exit
 * code (0 done, 1 failed, 2 bad usage or configuration) with one line on stderr; stack
 * traces only with {@code --debug}.
 */
@Command(name = "run.sh", usageHelpWidth = 110, synopsisSubcommandLabel = "COMMAND",
		description = "Keeps Kapta's contacts and their Mailchimp tags in step with one Mailchimp audience.",
		footer = { "", "Exit codes: 0 success, 1 a job or command failed, 2 bad usage or configuration.",
				"'./run.sh help COMMAND' describes a command's options." },
		subcommands = { CommandLine.HelpCommand.class, ServiceCommand.class, SettingsCommand.class,
				ContactsCommand.class, StatusCommand.class, SandboxCommand.class, UploadCommand.class,
				DownloadTagsCommand.class, ExportCommand.class, ImportCommand.class, PushCommand.class,
				DemoCommand.class, BenchCommand.class, UsersCommand.class, ScheduleCommand.class,
				WebhookCommand.class })
public class KaptaCli implements Callable<Integer> {

	public static final int OK = 0;

	public static final int FAILED = 1;

	public static final int USAGE = 2;

	@Spec
	private CommandSpec spec;

	@Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show logs and stack traces on the console.")
	private boolean debug;

	private ConfigurableApplicationContext context;

	/** Runs one command line in this JVM and returns its exit code. */
	public static int execute(String... args) {
		return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
	}

	public static int execute(PrintWriter out, PrintWriter err, String... args) {
		var cli = new KaptaCli();
		var commandLine = new CommandLine(cli);
		commandLine.setOut(out).setErr(err);
		commandLine.setParameterExceptionHandler(KaptaCli::usageError);
		commandLine.setExecutionExceptionHandler((ex, cmd, parsed) -> cli.failure(ex, err));
		try {
			return commandLine.execute(args);
		}
		finally {
			cli.close();
		}
	}

	@Override
	public Integer call() {
		throw new ParameterException(this.spec.commandLine(), "Missing command; './run.sh help' lists them");
	}

	/** The application context, started on first use with the given profiles. */
	ConfigurableApplicationContext context(String... profiles) {
		return context(List.of(), profiles);
	}

	/**
	 * The application context, started on first use with the given profiles and
	 * properties ({@code --name=value}, above every other source: the demo's own home).
	 */
	ConfigurableApplicationContext context(List<String> properties, String... profiles) {
		if (this.context == null) {
			List<String> springArgs = new ArrayList<>(properties);
			if (!this.debug) {
				// until Spring Boot configures logging, logback's default would print
				// start-up failures on the console
				((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.OFF);
			}
			else {
				springArgs.add("--logging.threshold.console=DEBUG");
				springArgs.add("--kapta.logging.console-exceptions=%wEx");
				springArgs.add("--logging.level.com.kapta=DEBUG");
			}
			this.context = new SpringApplicationBuilder(KaptaApplication.class).profiles(profiles)
				.run(springArgs.toArray(String[]::new));
		}
		return this.context;
	}

	private void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	/**
	 * A database server that is not there, refuses the user, or has no such database (SQL
	 * states 08, 28, 3D): a setting to fix, not a failure of Kapta's.
	 */
	private static boolean unreachableDatabase(Throwable cause) {
		String state = (cause instanceof SQLException sql) ? sql.getSQLState() : null;
		return cause instanceof ConnectException
				|| (state != null && (state.startsWith("08") || state.startsWith("28") || state.startsWith("3D")));
	}

	private static int usageError(ParameterException ex, String[] args) {
		ex.getCommandLine().getErr().println(ex.getMessage());
		return USAGE;
	}

	private int failure(Exception ex, PrintWriter err) {
		if (this.debug) {
			ex.printStackTrace(err);
		}
		KaptaException known = Causes.find(ex, KaptaException.class).orElse(null);
		if (known != null) {
			err.println(known.getMessage());
			return (known instanceof InvalidInputException) ? USAGE : FAILED;
		}
		if (Causes.chain(ex).anyMatch(KaptaCli::unreachableDatabase)) {
			err.println("Cannot connect to the database named by kapta.database.url: " + Causes.root(ex).getMessage());
			return USAGE;
		}
		FlywayException migration = Causes.find(ex, FlywayException.class).orElse(null);
		if (migration != null) {
			err.println("The database is not one Kapta can use: "
					+ migration.getMessage().lines().limit(2).collect(Collectors.joining(" ")));
			return USAGE;
		}
		Throwable root = Causes.root(ex);
		// the message only: a Java class name tells a user nothing
		err.println("Unexpected error: " + (root.getMessage() != null ? root.getMessage() : "no details")
				+ (this.debug ? "" : " (--debug shows the details)"));
		return FAILED;
	}

}
