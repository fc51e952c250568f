package com.kapta.mailchimp.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One in-process run of {@code ./run.sh ARGS} against a given data folder (and a jobs
 * folder beside it): exit code, stdout, stderr.
 */
public record CliRun(int exitCode, String out, String err) {

	public static CliRun run(Path dataDir, String... args) {
		return run(dataDir, Map.of(), args);
	}

	/** A run with these properties set too (e.g. another database). */
	public static CliRun run(Path dataDir, Map<String, String> properties, String... args) {
		Map<String, String> previous = new HashMap<>();
		properties.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
		try {
			return runIn(dataDir, args);
		}
		finally {
			previous.forEach(CliRun::restore);
		}
	}

	private static CliRun runIn(Path dataDir, String... args) {
		var out = new StringWriter();
		var err = new StringWriter();
		String previousData = System.getProperty("kapta.data-dir");
		String previousJobs = System.getProperty("kapta.jobs-dir");
		System.setProperty("kapta.data-dir", dataDir.toString());
		System.setProperty("kapta.jobs-dir", dataDir.resolveSibling("jobs").toString());
		// a service run here serves its console on a free port, beside any other
		String previousPort = System.setProperty("kapta.web.port", "0");
		try {
			int code = KaptaCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
			return new CliRun(code, out.toString(), err.toString());
		}
		finally {
			restore("kapta.data-dir", previousData);
			restore("kapta.jobs-dir", previousJobs);
			restore("kapta.web.port", previousPort);
		}
	}

	private static void restore(String property, String previous) {
		if (previous == null) {
			System.clearProperty(property);
		}
		else {
			System.setProperty(property, previous);
		}
	}

}
