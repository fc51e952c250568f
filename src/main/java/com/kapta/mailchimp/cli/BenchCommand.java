package com.kapta.mailchimp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import com.kapta.mailchimp.bench.Benchmark;
import com.kapta.mailchimp.bench.ClientBenchmark;

/**
 * Measures the jobs against the sandbox in a temporary home; the user's data is never
 * touched.
 */
@Command(name = "bench", description = {
		"Measures the jobs against the sandbox (latency L per call) in a temporary home:",
		"one line per job with its API calls, the bulk minimum, wall time, the bound calls x L / 10 and peak heap." })
class BenchCommand extends SpringCommand {

	@Parameters(arity = "0..1", paramLabel = "JOB", defaultValue = "all",
			description = "upload, download, export, import, all (default ${DEFAULT-VALUE}), "
					+ "or client: what the Mailchimp client adds to a call.")
	String job;

	@Option(names = "--contacts", paramLabel = "N", defaultValue = "10000",
			description = "Contacts (default ${DEFAULT-VALUE}).")
	int contacts;

	@Option(names = "--latency-ms", paramLabel = "L", defaultValue = "100",
			description = "Sandbox latency per call (default ${DEFAULT-VALUE}).")
	int latencyMs;

	@Option(names = "--tags", paramLabel = "T", defaultValue = "1",
			description = "Tags: launch tags and import tag columns (default ${DEFAULT-VALUE}).")
	int tags;

	@Override
	public Integer call() throws IOException {
		boolean client = this.job.equals("client");
		Set<String> asked = this.job.equals("all") ? Set.copyOf(Benchmark.JOBS) : Set.of(this.job);
		if (!client && !Benchmark.JOBS.containsAll(asked)) {
			throw new ParameterException(this.spec.commandLine(),
					"JOB must be one of " + Benchmark.JOBS + ", all or client");
		}
		if (this.contacts < 1 || this.latencyMs < 0 || this.tags < 1 || this.tags > 50) {
			throw new ParameterException(this.spec.commandLine(),
					"--contacts must be at least 1, --latency-ms at least 0, --tags between 1 and 50");
		}
		Path home = Files.createTempDirectory("kapta-bench-");
		out().println("Bench home: " + home + " (delete it when done); heap limit "
				+ Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, "
				+ Runtime.getRuntime().availableProcessors() + " cores");
		out().flush();
		root().context(List.of("--kapta.data-dir=" + home.resolve("data"), "--kapta.jobs-dir=" + home.resolve("jobs"),
				"--kapta.batch.progress-every=1h"));
		if (client) {
			bean(ClientBenchmark.class).run(out());
		}
		else {
			bean(Benchmark.class).run(asked, this.contacts, this.latencyMs, this.tags, out());
		}
		return KaptaCli.OK;
	}

}
