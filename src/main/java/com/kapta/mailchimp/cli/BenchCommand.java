package com.kapta.mailchimp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.LocalPorts;
import com.kapta.mailchimp.bench.Benchmark;
import com.kapta.mailchimp.bench.ClientBenchmark;
import com.kapta.mailchimp.bench.DashboardBenchmark;
import com.kapta.mailchimp.bench.DownloadPlanBenchmark;
import com.kapta.mailchimp.bench.HistoryBenchmark;
import com.kapta.mailchimp.bench.WebBenchmark;
import com.kapta.mailchimp.bench.WebStage;
import com.kapta.mailchimp.bench.WebhookBenchmark;
import com.kapta.mailchimp.sandbox.SandboxShape;

/**
 * Measures the jobs against the sandbox in a temporary home; the user's data is never
 * touched.
 */
@Command(name = "bench", description = {
		"Measures the jobs against the sandbox (latency L per call) in a temporary home:",
		"one line per job with its API calls, the bulk minimum, wall time, the bound calls x L / 10 and peak heap;",
		"or (web) the service's API under N clients: answer times, statuses, and whether every edit reached Mailchimp." })
class BenchCommand extends SpringCommand {

	@Parameters(arity = "0..1", paramLabel = "JOB", defaultValue = "all",
			description = "upload, download, export, import, all (default ${DEFAULT-VALUE}), "
					+ "client: what the Mailchimp client adds to a call, web: the service's API under load, "
					+ "dashboard: the Jobs page and API with --runs runs in the history, "
					+ "history: a download changing every contact's tags, with and without their history, "
					+ "download with --tagged-share or --changed-share (or download-plan): the nightly download, "
					+ "which chooses its reading, on an audience of --tags tags each on --tagged-share "
					+ "of the --contacts members, --changed-share of them changed, "
					+ "or webhook: Mailchimp's deliveries to the webhook endpoint, --senders at once.")
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

	@Option(names = "--tagged-share", paramLabel = "F", defaultValue = "0.05",
			description = "download: the share of the members each tag is on (default ${DEFAULT-VALUE}).")
	double taggedShare;

	@Option(names = "--changed-share", paramLabel = "F", defaultValue = "0.005",
			description = "download: the share of the members changed since the last download "
					+ "(default ${DEFAULT-VALUE}).")
	double changedShare;

	@Option(names = "--events", paramLabel = "E", defaultValue = "10000",
			description = "webhook: events delivered (default ${DEFAULT-VALUE}).")
	int events;

	@Option(names = "--senders", paramLabel = "S", defaultValue = "8",
			description = "webhook: deliveries on the wire at once (default ${DEFAULT-VALUE}).")
	int senders;

	@Option(names = "--runs", paramLabel = "R", defaultValue = "100000",
			description = "dashboard: runs recorded in the job history (default ${DEFAULT-VALUE}).")
	int runs;

	@Option(names = "--clients", paramLabel = "N", defaultValue = "32",
			description = "web: concurrent API clients (default ${DEFAULT-VALUE}).")
	int clients;

	@Option(names = "--seconds", paramLabel = "T", defaultValue = "60",
			description = "web: how long the clients run (default ${DEFAULT-VALUE}).")
	int seconds;

	@Option(names = "--reads-per-edit", paramLabel = "R", defaultValue = "4",
			description = "web: reads between two tag edits of a client (default ${DEFAULT-VALUE}).")
	int readsPerEdit;

	@Option(names = "--upload", paramLabel = "U", defaultValue = "0",
			description = "web: contacts an upload adds while the clients run (default ${DEFAULT-VALUE}: none).")
	int upload;

	@Option(names = "--instances", paramLabel = "I", defaultValue = "1",
			description = "web: services on the database, the clients split between them (default ${DEFAULT-VALUE};"
					+ " more than one needs --database-url).")
	int instances;

	@Option(names = "--database-url", paramLabel = "URL",
			description = { "web: a new PostgreSQL database (jdbc:postgresql://…; user and password from",
					"KAPTA_DATABASE_USERNAME and KAPTA_DATABASE_PASSWORD[FILE]); default: the home's embedded file." })
	String databaseUrl;

	@Override
	public Integer call() throws IOException, InterruptedException {
		if (this.job.equals("web")) {
			return web();
		}
		if (this.job.equals("dashboard")) {
			return dashboard();
		}
		if (this.job.equals("webhook")) {
			return webhook();
		}
		boolean client = this.job.equals("client");
		boolean history = this.job.equals("history");
		// the download on an audience of a given shape: it chooses how to read it
		boolean shaped = this.spec.commandLine().getParseResult().hasMatchedOption("--tagged-share")
				|| this.spec.commandLine().getParseResult().hasMatchedOption("--changed-share");
		boolean plan = this.job.equals("download-plan") || (this.job.equals("download") && shaped);
		Set<String> asked = this.job.equals("all") ? Set.copyOf(Benchmark.JOBS) : Set.of(this.job);
		if (!client && !history && !plan && !Benchmark.JOBS.containsAll(asked)) {
			throw new ParameterException(this.spec.commandLine(), "JOB must be one of " + Benchmark.JOBS
					+ ", all, client, history, download-plan, web, dashboard or webhook");
		}
		if (this.taggedShare <= 0 || this.taggedShare > 1 || this.changedShare < 0 || this.changedShare > 1) {
			throw new ParameterException(this.spec.commandLine(),
					"--tagged-share must be in (0, 1], --changed-share in [0, 1]");
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
		else if (plan) {
			List<String> tagNames = IntStream.rangeClosed(1, this.tags).mapToObj((t) -> "Tag " + t).toList();
			if (!bean(DownloadPlanBenchmark.class).run(
					new SandboxShape(this.contacts, tagNames, this.taggedShare, this.changedShare), this.latencyMs,
					out())) {
				throw new KaptaException("The download-plan bench missed its target; its figures are above");
			}
		}
		else if (history) {
			if (bean(HistoryBenchmark.class).run(this.contacts, this.latencyMs, out()) > 1.15) {
				throw new KaptaException("The history bench missed its target; its figures are above");
			}
		}
		else {
			bean(Benchmark.class).run(asked, this.contacts, this.latencyMs, this.tags, out());
		}
		return KaptaCli.OK;
	}

	/**
	 * The Jobs dashboard with a long history, on this bench's own console (the web
	 * profile, no schedule).
	 */
	private Integer dashboard() throws IOException {
		if (this.runs < 1) {
			throw new ParameterException(this.spec.commandLine(), "--runs must be at least 1");
		}
		Path home = Files.createTempDirectory("kapta-bench-dashboard-");
		out().println("Bench home: " + home + " (delete it when done); " + this.runs + " runs, "
				+ Runtime.getRuntime().availableProcessors() + " cores");
		out().flush();
		var context = root().context(List.of("--kapta.data-dir=" + home.resolve("data"),
				"--kapta.jobs-dir=" + home.resolve("jobs"), "--kapta.web.port=0"), "web");
		if (!new DashboardBenchmark(context).run(this.runs, out())) {
			throw new KaptaException("The dashboard bench missed a target; its figures are above");
		}
		return KaptaCli.OK;
	}

	/**
	 * The webhook endpoint under Mailchimp's deliveries, on a whole service (its worker
	 * applying what it stores) at a public address of its own.
	 */
	private Integer webhook() throws IOException {
		if (this.events < 1 || this.senders < 1 || this.contacts < 1 || this.latencyMs < 0) {
			throw new ParameterException(this.spec.commandLine(),
					"--events, --senders and --contacts must be at least 1, --latency-ms at least 0");
		}
		Path home = Files.createTempDirectory("kapta-bench-webhook-");
		int port = LocalPorts.free();
		out().println("Bench home: " + home + " (delete it when done); " + this.contacts + " contacts, " + this.events
				+ " events from " + this.senders + " senders, sandbox latency " + this.latencyMs + " ms, "
				+ Runtime.getRuntime().availableProcessors() + " cores");
		out().flush();
		root().context(List.of("--kapta.data-dir=" + home.resolve("data"), "--kapta.jobs-dir=" + home.resolve("jobs"),
				"--kapta.batch.progress-every=1h", "--kapta.web.port=" + port,
				"--kapta.web.public-url=http://127.0.0.1:" + port), "service");
		if (!bean(WebhookBenchmark.class).run(this.contacts, this.events, this.senders, this.latencyMs, out())) {
			throw new KaptaException("The webhook bench missed a target; its figures are above");
		}
		return KaptaCli.OK;
	}

	/**
	 * The service under load: the sandbox and the service(s) start first, so that the
	 * bench's own context reaches the embedded database through the service's server.
	 */
	private Integer web() throws IOException, InterruptedException {
		if (this.clients < 1 || this.seconds < 1 || this.readsPerEdit < 0 || this.upload < 0 || this.contacts < 1
				|| this.latencyMs < 0 || this.instances < 1 || (this.instances > 1 && this.databaseUrl == null)) {
			throw new ParameterException(this.spec.commandLine(),
					"--clients, --seconds, --contacts and --instances"
							+ " must be at least 1, --reads-per-edit, --upload and --latency-ms at least 0;"
							+ " more than one instance needs --database-url");
		}
		var options = new WebBenchmark.Options(this.clients, Duration.ofSeconds(this.seconds), this.readsPerEdit,
				this.contacts, this.upload, this.latencyMs, this.instances);
		Path home = Files.createTempDirectory("kapta-bench-web-");
		out().println("Bench home: " + home + " (delete it when done); " + this.contacts + " contacts on Mailchimp, "
				+ this.upload + " to upload, sandbox latency " + this.latencyMs + " ms, "
				+ ((this.databaseUrl == null) ? "the embedded database" : "PostgreSQL") + ", "
				+ Runtime.getRuntime().availableProcessors() + " cores");
		out().flush();
		List<String> properties = new ArrayList<>(List.of("--kapta.data-dir=" + home.resolve("data"),
				"--kapta.jobs-dir=" + home.resolve("jobs"), "--kapta.batch.progress-every=1h"));
		Map<String, String> environment = new HashMap<>();
		if (this.databaseUrl != null) {
			properties.add("--kapta.database.url=" + this.databaseUrl);
			environment.put("KAPTA_DATABASE_URL", this.databaseUrl);
		}
		try (WebStage stage = WebStage.start(home, options, environment)) {
			root().context(properties);
			if (!bean(WebBenchmark.class).run(stage, options, out())) {
				throw new KaptaException("The web bench missed a target; its figures are above");
			}
		}
		return KaptaCli.OK;
	}

}
