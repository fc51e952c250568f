package com.kapta.mailchimp.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** One in-process run of {@code ./run.sh ARGS} against a given data folder: exit code, stdout, stderr. */
record CliRun(int exitCode, String out, String err) {

	static CliRun run(Path dataDir, String... args) {
		var out = new StringWriter();
		var err = new StringWriter();
		String previous = System.getProperty("kapta.data-dir");
		System.setProperty("kapta.data-dir", dataDir.toString());
		try {
			int code = KaptaCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
			return new CliRun(code, out.toString(), err.toString());
		}
		finally {
			if (previous == null) {
				System.clearProperty("kapta.data-dir");
			}
			else {
				System.setProperty("kapta.data-dir", previous);
			}
		}
	}

}
