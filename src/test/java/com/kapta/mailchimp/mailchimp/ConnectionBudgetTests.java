package com.kapta.mailchimp.mailchimp;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that take from one budget stay within it together: two runs side by side in one
 * process never put more requests on the wire than Mailchimp's limit.
 */
public class ConnectionBudgetTests {

	static final MailchimpProperties THREE_EACH = new MailchimpProperties(3, Duration.ofSeconds(5),
			Duration.ofSeconds(10), 6, Duration.ofMillis(10), Duration.ofMillis(100));

	@Test
	void twoClientsOnOneBudgetNeverExceedItTogether() {
		try (MailchimpSandbox sandbox = MailchimpSandbox.start(SandboxOptions.defaults().withLatency(50))) {
			assertThat(peakInFlight(sandbox, ConnectionBudget.inProcess(3))).isEqualTo(3);
		}
	}

	@Test
	void withoutASharedBudgetEachClientHasItsOwnLimit() {
		try (MailchimpSandbox sandbox = MailchimpSandbox.start(SandboxOptions.defaults().withLatency(50))) {
			assertThat(peakInFlight(sandbox, ConnectionBudget.UNSHARED)).isGreaterThan(3);
		}
	}

	/**
	 * Twelve pings on each of two clients, eight threads each, all at once; the most
	 * requests the sandbox had in flight at one time.
	 */
	public static int peakInFlight(MailchimpSandbox sandbox, ConnectionBudget... budgets) {
		List<MailchimpClient> clients = new ArrayList<>();
		ExecutorService threads = Executors.newFixedThreadPool(16);
		try {
			for (int i = 0; i < 2; i++) {
				clients.add(new MailchimpClient(URI.create(sandbox.baseUrl()), sandbox.apiKey(), THREE_EACH,
						MailchimpJson.mapper(), budgets[i % budgets.length]));
			}
			List<CompletableFuture<String>> pings = new ArrayList<>();
			for (MailchimpClient client : clients) {
				for (int i = 0; i < 12; i++) {
					pings.add(CompletableFuture.supplyAsync(client::ping, threads));
				}
			}
			pings.forEach((ping) -> assertThat(ping.join()).isEqualTo("Everything's Chimpy!"));
			return sandbox.stats().maxInFlight();
		}
		finally {
			threads.shutdown();
			clients.forEach(MailchimpClient::close);
		}
	}

}
