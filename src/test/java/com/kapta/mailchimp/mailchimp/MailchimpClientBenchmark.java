package com.kapta.mailchimp.mailchimp;

import java.net.URI;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;

/**
 * Figures for the README, not a test: runs only with {@code -Dkapta.bench=true} and
 * asserts nothing. <pre>
 * mvn -B -q test -Dtest=MailchimpClientBenchmark -Dkapta.bench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "kapta.bench", matches = "true")
class MailchimpClientBenchmark {

	@Test
	void clientOverheadAndSandboxThroughput() throws Exception {
		try (MailchimpSandbox sandbox = MailchimpSandbox.start(SandboxOptions.defaults())) {
			try (MailchimpClient client = client(sandbox)) {
				Concurrently.run(1, 2_000, client::ping); // warm-up
				overhead(sandbox, client, "ping", () -> client.ping());
				List<NewMember> batch = IntStream.range(0, 500)
					.mapToObj((i) -> new NewMember("bench" + i + "@example.com", "subscribed", "First", "Last"))
					.toList();
				String list = sandbox.audienceId();
				client.batchSubscribe(list, batch, false);
				overhead(sandbox, client, "batch subscribe of 500 (all existing)",
						() -> client.batchSubscribe(list, batch, false));
				throughput(client, "ping, latency 0 ms", client::ping, 20_000);
			}
			sandbox.setLatencyMs(100);
			try (MailchimpClient client = client(sandbox)) {
				throughput(client, "ping, latency 100 ms", client::ping, 1_000);
			}
		}
	}

	private static void overhead(MailchimpSandbox sandbox, MailchimpClient client, String what, Runnable call)
			throws Exception {
		double before = sandbox.stats().meanHandlingMillis();
		long requestsBefore = client.calls().totalRequests();
		int n = 1_000;
		long start = System.nanoTime();
		Concurrently.run(1, n, call);
		double perCall = (System.nanoTime() - start) / 1e6 / n;
		double sandboxMean = sandbox.stats().meanHandlingMillis();
		long all = client.calls().totalRequests();
		// the sandbox's mean over all requests so far, rewound to just this run's
		// requests
		double sandboxPerCall = (sandboxMean * all - before * requestsBefore) / (all - requestsBefore);
		System.out.printf(
				"bench client %s: %.3f ms per call, of which sandbox %.3f ms, client and HTTP %.3f ms (%d calls, 1 caller)%n",
				what, perCall, sandboxPerCall, perCall - sandboxPerCall, n);
	}

	private static void throughput(MailchimpClient client, String what, Runnable call, int n) throws Exception {
		long start = System.nanoTime();
		Concurrently.run(10, n / 10, call);
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(
				"bench sandbox %s: %.0f calls/s with 10 concurrent callers (%d calls in %.2f s, %d retried)%n", what,
				n / seconds, n, seconds, client.calls().totalRetried());
	}

	private static MailchimpClient client(MailchimpSandbox sandbox) {
		return new MailchimpClient(URI.create(sandbox.baseUrl()), sandbox.apiKey(), MailchimpClientTests.FAST_RETRIES,
				MailchimpJson.mapper());
	}

}
