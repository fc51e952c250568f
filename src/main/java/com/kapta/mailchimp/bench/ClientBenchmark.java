package com.kapta.mailchimp.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.stream.IntStream;

import org.springframework.stereotype.Component;

import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.MailchimpJson;
import com.kapta.mailchimp.mailchimp.MailchimpProperties;
import com.kapta.mailchimp.mailchimp.NewMember;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;

/**
 * What the Mailchimp client adds to a call, and how many calls the sandbox serves: the
 * sandbox runs in this JVM so its own handling time can be taken off each call.
 */
@Component
public class ClientBenchmark {

	private final MailchimpProperties properties;

	ClientBenchmark(MailchimpProperties properties) {
		this.properties = properties;
	}

	public void run(PrintWriter out) {
		try (MailchimpSandbox sandbox = MailchimpSandbox.start(SandboxOptions.defaults())) {
			try (MailchimpClient client = client(sandbox)) {
				// warm-up
				Concurrently.run(1, 2_000, client::ping);
				overhead(sandbox, client, "ping", client::ping, out);
				List<NewMember> batch = IntStream.range(0, 500)
					.mapToObj((i) -> new NewMember("bench" + i + "@example.com", "subscribed", "First", "Last"))
					.toList();
				String list = sandbox.audienceId();
				client.batchSubscribe(list, batch, false);
				overhead(sandbox, client, "batch subscribe of 500 (all existing)",
						() -> client.batchSubscribe(list, batch, false), out);
				throughput(client, "ping, latency 0 ms", client::ping, 20_000, out);
			}
			sandbox.setLatencyMs(100);
			try (MailchimpClient client = client(sandbox)) {
				throughput(client, "ping, latency 100 ms", client::ping, 1_000, out);
			}
		}
	}

	private static void overhead(MailchimpSandbox sandbox, MailchimpClient client, String what, Runnable call,
			PrintWriter out) {
		double before = sandbox.stats().meanHandlingMillis();
		long requestsBefore = client.calls().totalRequests();
		int n = 1_000;
		long start = System.nanoTime();
		Concurrently.run(1, n, call);
		double perCall = (System.nanoTime() - start) / 1e6 / n;
		double sandboxMean = sandbox.stats().meanHandlingMillis();
		long all = client.calls().totalRequests();
		// the sandbox's mean over all requests so far, rewound to this run's requests
		double sandboxPerCall = (sandboxMean * all - before * requestsBefore) / (all - requestsBefore);
		out.printf("bench client %s: %.3f ms per call, of which sandbox %.3f ms, client and HTTP %.3f ms"
				+ " (%d calls, 1 caller)%n", what, perCall, sandboxPerCall, perCall - sandboxPerCall, n);
		out.flush();
	}

	private static void throughput(MailchimpClient client, String what, Runnable call, int n, PrintWriter out) {
		long start = System.nanoTime();
		Concurrently.run(10, n / 10, call);
		double seconds = (System.nanoTime() - start) / 1e9;
		out.printf("bench sandbox %s: %.0f calls/s with 10 concurrent callers (%d calls in %.2f s, %d retried)%n", what,
				n / seconds, n, seconds, client.calls().totalRetried());
		out.flush();
	}

	private MailchimpClient client(MailchimpSandbox sandbox) {
		return new MailchimpClient(URI.create(sandbox.baseUrl()), sandbox.apiKey(), this.properties,
				MailchimpJson.mapper());
	}

}
