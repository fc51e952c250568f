package com.kapta.mailchimp.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import com.kapta.mailchimp.contact.TagNames;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.sandbox.SandboxShape;
import com.kapta.mailchimp.settings.ApiKey;

/**
 * Serves a Mailchimp stand-in until stopped; needs no database, so it starts no Spring
 * context.
 */
@Command(name = "sandbox", description = "Serves a Mailchimp stand-in on 127.0.0.1 for demos and tests (until Ctrl-C).")
class SandboxCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--port", defaultValue = "0", description = "Port on 127.0.0.1 (default: a free one).")
	int port;

	@Option(names = "--api-key", paramLabel = "KEY",
			description = "The key it accepts (default: a generated <32 hex>-us1).")
	String apiKey;

	@Option(names = "--audience", paramLabel = "NAME", defaultValue = "Kapta Contacts",
			description = "Audience name (default: ${DEFAULT-VALUE}).")
	String audience;

	@Option(names = "--tags", paramLabel = "\"A,B,C\"", description = "Tags the audience starts with.")
	String tags;

	@Option(names = "--latency-ms", paramLabel = "N", defaultValue = "0", description = "Added to every request.")
	int latencyMs;

	@Option(names = "--fault-rate", paramLabel = "F", defaultValue = "0",
			description = "Share of requests answered with 429, 503 or a dropped connection.")
	double faultRate;

	@Option(names = "--max-connections", paramLabel = "N", defaultValue = "10",
			description = "Requests in flight beyond this get 429 (default: ${DEFAULT-VALUE}).")
	int maxConnections;

	@Option(names = "--page-timeout-rate", paramLabel = "F", defaultValue = "0",
			description = "Share of member pages of more than 500 answered 504, as live Mailchimp does now and then.")
	double pageTimeoutRate;

	@Option(names = "--seed-members", paramLabel = "N", defaultValue = "0",
			description = "Members the audience starts with.")
	int seedMembers;

	@Option(names = "--seed-tagged-share", paramLabel = "F", defaultValue = "0",
			description = { "With --seed-members and --tags: each tag on this share of the members, the members set up",
					"an hour ago (default: each member one tag, in turn)." })
	double seedTaggedShare;

	@Option(names = "--seed-changed-share", paramLabel = "F", defaultValue = "0",
			description = "With --seed-tagged-share: this share of the members unsubscribed just now.")
	double seedChangedShare;

	@Option(names = "--double-optin", description = "The audience asks new subscribers to confirm.")
	boolean doubleOptIn;

	@Option(names = "--webhook-retry-s", paramLabel = "S", defaultValue = "2",
			description = "Seconds before a failed webhook delivery's first retry, doubled before each of the"
					+ " next four (default: ${DEFAULT-VALUE}; Mailchimp spreads its retries over 75 minutes).")
	int webhookRetrySeconds;

	@Override
	public Integer call() throws InterruptedException {
		if (this.faultRate < 0 || this.faultRate >= 1 || this.pageTimeoutRate < 0 || this.pageTimeoutRate > 1
				|| this.latencyMs < 0 || this.maxConnections < 1 || this.seedMembers < 0 || this.webhookRetrySeconds < 1
				|| this.seedTaggedShare < 0 || this.seedTaggedShare > 1 || this.seedChangedShare < 0
				|| this.seedChangedShare > 1) {
			throw new ParameterException(this.spec.commandLine(),
					"--fault-rate must be in [0, 1), --page-timeout-rate and the seed shares in [0, 1], "
							+ "--latency-ms and --seed-members at least 0, --max-connections and --webhook-retry-s"
							+ " at least 1");
		}
		if (this.apiKey != null) {
			ApiKey.parse(this.apiKey);
		}
		List<String> tags = TagNames.parse(this.tags, ',');
		boolean shaped = this.seedTaggedShare > 0;
		var options = new SandboxOptions(this.port, this.apiKey, this.audience, tags, this.latencyMs, this.faultRate,
				this.maxConnections, shaped ? 0 : this.seedMembers, System.nanoTime());
		var stopped = new CountDownLatch(1);
		try (MailchimpSandbox sandbox = MailchimpSandbox.start(options)) {
			if (shaped) {
				sandbox.seed(new SandboxShape(this.seedMembers, tags, this.seedTaggedShare, this.seedChangedShare));
			}
			sandbox.setPageTimeouts(500, this.pageTimeoutRate);
			sandbox.audience().setDoubleOptIn(this.doubleOptIn);
			sandbox.audience()
				.webhookDeliveries(Duration.ofSeconds(10), 5, Duration.ofSeconds(this.webhookRetrySeconds));
			Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
			var out = this.spec.commandLine().getOut();
			out.println("Mailchimp sandbox on " + sandbox.baseUrl());
			out.println("API key:     " + sandbox.apiKey() + " (a sandbox key, valid only here)");
			out.println("Audience:    " + this.audience + " (id " + sandbox.audienceId() + ")");
			out.println("Point Kapta at it: ./run.sh settings save --api-url " + sandbox.baseUrl()
					+ " --api-key - --audience \"" + this.audience + "\" --enabled true");
			out.println("Stop it with Ctrl-C.");
			out.flush();
			stopped.await();
		}
		return KaptaCli.OK;
	}

}
