package com.kapta.mailchimp.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.demo.Demo;

/**
 * The product in one command, in a home of its own against the sandbox; the user's data
 * is never touched.
 */
@Command(name = "demo",
		description = { "Runs every job once against the sandbox in a fresh home and checks the outcome;",
				"your own data and jobs folders are never touched." })
class DemoCommand extends SpringCommand {

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

	@Override
	public Integer call() throws IOException {
		if (this.contacts < 200) {
			throw new ParameterException(this.spec.commandLine(), "--contacts must be at least 200");
		}
		Path dir = (this.home != null) ? emptyHome(this.home) : Files.createTempDirectory("kapta-demo-");
		out().println("Demo home: " + dir + " (data/ and jobs/ below it)");
		// its own console on a free port of this machine, where the sandbox delivers the
		// webhook's events
		int port;
		try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = free.getLocalPort();
		}
		List<String> properties = new ArrayList<>(
				List.of("--kapta.data-dir=" + dir.resolve("data"), "--kapta.jobs-dir=" + dir.resolve("jobs"),
						"--kapta.web.port=" + port, "--kapta.web.public-url=http://127.0.0.1:" + port));
		if (this.databaseUrl != null) {
			properties.add("--kapta.database.url=" + this.databaseUrl);
		}
		root().context(properties, "web");
		List<String> failures = bean(Demo.class).run(this.contacts, out());
		if (!failures.isEmpty()) {
			throw new KaptaException("The demo failed " + failures.size() + " check(s), the first: " + failures.get(0));
		}
		out().println("The demo passed. Everything it made is in " + dir);
		return KaptaCli.OK;
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
