package com.kapta.mailchimp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.LocalPorts;
import com.kapta.mailchimp.demo.Demo;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.users.Role;
import com.kapta.mailchimp.users.UserAccounts;
import com.kapta.mailchimp.web.WebTransport;

/**
 * The product in one command, in a home of its own against the sandbox; the user's data
 * is never touched.
 */
@Command(name = "demo",
		description = { "Runs every job once against the sandbox in a fresh home and checks the outcome;",
				"your own data and jobs folders are never touched. With --serve, then opens its console." })
class DemoCommand extends SpringCommand {

	/** The console's usual port, which {@code --serve} takes when it is free. */
	private static final int USUAL_PORT = 8080;

	/** The user {@code --serve} signs in with. */
	private static final String ADMIN = "admin";

	@Option(names = "--home", paramLabel = "DIR",
			description = "A new or empty folder for the demo (default: a temporary one).")
	Path home;

	@Option(names = "--contacts", paramLabel = "N", defaultValue = "2000",
			description = "Demo contacts (default ${DEFAULT-VALUE}, at least 200).")
	int contacts;

	@Option(names = "--database-url", paramLabel = "URL",
			description = { "A new PostgreSQL database for the demo (jdbc:postgresql://…; user and password from",
					"KAPTA_DATABASE_USERNAME and KAPTA_DATABASE_PASSWORD[FILE]); default: the home's embedded file." })
	String databaseUrl;

	@Option(names = "--serve",
			description = { "After the demo, keep its console running on its home (the sandbox too) with an admin",
					"whose password is printed once, until Ctrl-C." })
	boolean serve;

	@Override
	public Integer call() throws IOException, InterruptedException {
		if (this.contacts < 200) {
			throw new ParameterException(this.spec.commandLine(), "--contacts must be at least 200");
		}
		Path dir = (this.home != null) ? emptyHome(this.home) : Files.createTempDirectory("kapta-demo-");
		out().println("Demo home: " + dir + " (data/ and jobs/ below it)");
		// its own console on a port of this machine, where the sandbox delivers the
		// webhook's events: for --serve the usual one when it is free
		int port = (this.serve && LocalPorts.isFree(USUAL_PORT)) ? USUAL_PORT : LocalPorts.free();
		List<String> properties = new ArrayList<>(
				List.of("--kapta.data-dir=" + dir.resolve("data"), "--kapta.jobs-dir=" + dir.resolve("jobs"),
						"--kapta.web.port=" + port, "--kapta.web.public-url=http://127.0.0.1:" + port));
		if (this.databaseUrl != null) {
			properties.add("--kapta.database.url=" + this.databaseUrl);
		}
		ConfigurableApplicationContext context = root().context(properties, "web");
		MailchimpSandbox sandbox = Demo.startSandbox();
		try {
			List<String> failures = bean(Demo.class).run(sandbox, this.contacts, out());
			if (!failures.isEmpty()) {
				throw new KaptaException(
						"The demo failed " + failures.size() + " check(s), the first: " + failures.get(0));
			}
			out().println("The demo passed. Everything it made is in " + dir);
			if (this.serve) {
				serve(context, sandbox, dir, port);
			}
		}
		finally {
			sandbox.close();
		}
		return KaptaCli.OK;
	}

	/**
	 * Keeps the demo's console and its sandbox running until Ctrl-C (or SIGTERM), which
	 * closes them and says where the home stays.
	 */
	private void serve(ConfigurableApplicationContext context, MailchimpSandbox sandbox, Path dir, int port)
			throws InterruptedException {
		String password = bean(UserAccounts.class).add(ADMIN, Role.ADMIN, null)
			.orElseThrow(() -> new KaptaException("The demo's admin was given no password"));
		String address = context.getBean(WebTransport.class).scheme() + "://127.0.0.1:" + port + "/";
		var closed = new CountDownLatch(1);
		context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> {
			sandbox.close();
			out().println();
			out().println(
					"The demo's console and sandbox stopped. Its home stays in " + dir + " (delete it when done).");
			out().flush();
			closed.countDown();
		});
		context.registerShutdownHook();
		PrintWriter out = out();
		out.println();
		if (port != USUAL_PORT) {
			out.println("Port " + USUAL_PORT + " is taken (a service already running?), so the demo's console is on "
					+ port + ".");
		}
		out.println("The demo's console is running: " + address);
		out.println("   Sign in as " + ADMIN + " with the password (shown once): " + password);
		out.println("   Things to try:");
		out.println("   - Mailchimp > Upload To Mailchimp: pick a tag, follow the run live, open its report");
		out.println("   - Contacts > a contact > Communications: add or remove a tag; it reaches Mailchimp at once");
		out.println("   - Data > Mailchimp Contacts and Tags: export the workbook, edit it, import it back");
		out.println("   - Jobs: every run the demo made, with its summary, report and who launched it");
		out.println("   - Settings > Integrations: the settings, and the webhook that hears Mailchimp's changes");
		out.println("   The sandbox stands in for Mailchimp on " + sandbox.baseUrl() + ".");
		out.println("   Ctrl-C stops the console and the sandbox.");
		out.flush();
		closed.await();
	}

	private static Path emptyHome(Path home) throws IOException {
		Path dir = home.toAbsolutePath().normalize();
		if (Files.exists(dir)) {
			if (!Files.isDirectory(dir)) {
				throw new InvalidInputException("--home " + dir + " is a file; give a new or empty folder");
			}
			try (Stream<Path> entries = Files.list(dir)) {
				if (entries.findAny().isPresent()) {
					throw new InvalidInputException(
							"--home " + dir + " is not empty; the demo only uses a new or empty folder");
				}
			}
		}
		return Files.createDirectories(dir);
	}

}
