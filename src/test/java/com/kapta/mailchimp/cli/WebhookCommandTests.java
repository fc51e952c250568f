package com.kapta.mailchimp.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.TestHomes;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxCalls;
import com.kapta.mailchimp.sandbox.SandboxOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./run.sh webhook status|register|remove}: what is missing is said in one line
 * with exit code 2; registered where the address answers Mailchimp's check, shown without
 * its token, and removed from the audience with its secrets.
 */
class WebhookCommandTests {

	private final Path data = TestHomes.reset("WebhookCommandTests").resolve("data");

	@Test
	void registersWhereTheServiceAnswersAndSaysWhyNotElsewhere() throws Exception {
		HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		receiver.createContext("/", (exchange) -> {
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		receiver.start();
		int nothingThere = TestHomes.freePort();
		try (MailchimpSandbox sandbox = MailchimpSandbox.start(SandboxOptions.defaults())) {
			assertThat(CliRun
				.run(this.data, "settings", "save", "--api-url", sandbox.baseUrl(), "--api-key", sandbox.apiKey(),
						"--audience", "Kapta Contacts", "--enabled", "true")
				.exitCode()).isZero();

			CliRun status = CliRun.run(this.data, "webhook", "status");
			assertThat(status.exitCode()).isZero();
			assertThat(status.out()).contains("webhook:          not registered",
					"public URL:       not set (kapta.web.public-url)");
			CliRun noAddress = CliRun.run(this.data, "webhook", "register");
			assertThat(noAddress.exitCode()).isEqualTo(2);
			assertThat(noAddress.err()).contains("kapta.web.public-url is not set").hasLineCount(1);

			CliRun unreachable = CliRun.run(this.data,
					Map.of("kapta.web.public-url", "http://127.0.0.1:" + nothingThere), "webhook", "register");
			assertThat(unreachable.exitCode()).isEqualTo(2);
			assertThat(unreachable.err())
				.contains("Mailchimp did not register the webhook at http://127.0.0.1:" + nothingThere
						+ "/webhooks/mailchimp/…", "verify")
				.hasLineCount(1);

			String address = "http://127.0.0.1:" + receiver.getAddress().getPort();
			CliRun registered = CliRun.run(this.data, Map.of("kapta.web.public-url", address), "webhook", "register");
			assertThat(registered.exitCode()).as(registered.err()).isZero();
			assertThat(registered.out()).contains("webhook:          registered",
					"address:          " + address + "/webhooks/mailchimp/…");
			String hooks = hooks(sandbox);
			assertThat(hooks).contains("\"total_items\":1", address + "/webhooks/mailchimp/");
			String token = hooks.replaceAll("(?s).*/webhooks/mailchimp/([0-9a-f]+).*", "$1");
			assertThat(registered.out()).doesNotContain(token);

			CliRun again = CliRun.run(this.data, Map.of("kapta.web.public-url", address), "webhook", "register");
			assertThat(again.exitCode()).isZero();
			assertThat(hooks(sandbox)).as("kept as it was: the same token, still one")
				.contains(token, "\"total_items\":1");

			CliRun removed = CliRun.run(this.data, "webhook", "remove");
			assertThat(removed.exitCode()).as(removed.err()).isZero();
			assertThat(removed.out()).contains("webhook:          not registered");
			assertThat(hooks(sandbox)).contains("\"total_items\":0");
			assertThat(this.data.resolve("secrets/mailchimp-webhook")).doesNotExist();
		}
		finally {
			receiver.stop(0);
		}
	}

	private static String hooks(MailchimpSandbox sandbox) throws Exception {
		return SandboxCalls
			.send(sandbox, "GET", sandbox.baseUrl() + "/lists/" + sandbox.audienceId() + "/webhooks", null, null)
			.body();
	}

}
