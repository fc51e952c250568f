package com.kapta.mailchimp.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.TestHomes;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxCalls;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.tagdownload.DownloadLauncher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mailchimp's changes reaching Kapta through the webhook, end to end over real HTTP both
 * ways: the service registers its webhook on the sandbox through the API, people change
 * members on Mailchimp's side, the sandbox delivers signed events, and Kapta knows within
 * seconds, before any download. Kapta's own writes make no event, and events fired while
 * the service is down arrive after its start through Mailchimp's retries.
 */
class WebhookTests {

	private static final Duration IN_SECONDS = Duration.ofSeconds(5);

	private final int port = TestHomes.freePort();

	private WebService service;

	private MailchimpSandbox sandbox;

	@AfterEach
	void stop() {
		if (this.service != null) {
			this.service.close();
		}
		if (this.sandbox != null) {
			this.sandbox.close();
		}
	}

	/**
	 * The service on its home, emptied first unless {@code again}; ann and dan its users.
	 */
	private void start(boolean again) {
		this.service = WebService.service("WebhookTests", again, "--kapta.web.port=" + this.port,
				"--kapta.web.public-url=http://127.0.0.1:" + this.port + "/", "--kapta.webhook.poll=500ms");
		if (!again) {
			this.service.withAnnAndDan();
		}
	}

	@Test
	void changesMadeOnMailchimpReachKaptaInSecondsAndKaptasOwnWritesMakeNoEvent() throws Exception {
		start(false);
		this.sandbox = this.service.kapta().restart(SandboxOptions.defaults().withTags(List.of("Champion")));
		for (String name : List.of("ann", "bob", "cy", "dee", "eve", "fay")) {
			this.sandbox.audience().putMember(name + "@example.com", "subscribed", "Champion");
		}
		this.service.kapta()
			.load("ann@example.com,Ann,,Champion", "bob@example.com,Bob,,Champion", "cy@example.com,Cy,,Champion",
					"dee@example.com,Dee,,Champion", "eve@example.com,Eve,,Champion", "fay@example.com,Fay,,Champion",
					"gus@example.com,Gus,,");
		this.service.bean(DownloadLauncher.class).launch(false);
		assertThat(this.service.kapta().status("ann@example.com")).isEqualTo("subscribed");

		HttpResponse<String> registered = api("POST", "/api/webhook", "ann");
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
		String token = secret("token");
		assertThat(registered.body()).contains("\"webhookId\":\"")
			.contains("http://127.0.0.1:" + this.port + "/webhooks/mailchimp/…")
			.doesNotContain(token)
			.doesNotContain(secret("signing-secret"));
		Path secrets = this.service.bean(KaptaProperties.class).dataDir().resolve("secrets/mailchimp-webhook");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rw-------");
		String hooks = SandboxCalls
			.send(this.sandbox, "GET", this.sandbox.baseUrl() + "/lists/" + this.sandbox.audienceId() + "/webhooks",
					null, null)
			.body();
		assertThat(hooks).as("one webhook, people's and the web app's changes, not the API's")
			.contains("\"api\":false", "\"user\":true", "\"admin\":true", "\"upemail\":true", "\"total_items\":1");

		this.sandbox.audience().unsubscribe("ann@example.com");
		await().atMost(IN_SECONDS).until(() -> "unsubscribed".equals(this.service.kapta().status("ann@example.com")));
		assertThat(jdbc().queryForObject("SELECT reason FROM do_not_subscribe WHERE email = 'ann@example.com'",
				String.class))
			.isEqualTo("UNSUBSCRIBED");

		this.sandbox.audience().bounce("bob@example.com");
		this.sandbox.audience().archive("dee@example.com");
		this.sandbox.audience().changeEmail("cy@example.com", "cy.lee@example.org");
		this.sandbox.audience().rename("eve@example.com", "Evelyn", "Stone");
		this.sandbox.audience().changeEmail("fay@example.com", "gus@example.com");
		await().atMost(IN_SECONDS).untilAsserted(() -> {
			assertThat(this.service.kapta().status("bob@example.com")).isEqualTo("cleaned");
			assertThat(this.service.kapta().status("dee@example.com")).isEqualTo("archived");
			assertThat(this.service.kapta().tags("cy.lee@example.org")).containsExactly("Champion");
			assertThat(jdbc().queryForObject(
					"SELECT first_name || ' ' || last_name FROM contact WHERE email = 'eve@example.com'", String.class))
				.isEqualTo("Evelyn Stone");
			assertThat(waiting()).isZero();
		});
		assertThat(this.service.kapta().tags("cy@example.com")).as("the old address is no contact's").isEmpty();
		assertThat(jdbc().queryForObject(
				"SELECT outcome FROM webhook_event WHERE event_type = 'upemail'" + " AND email = 'fay@example.com'",
				String.class))
			.as("an address another contact holds is a conflict, and neither changes")
			.startsWith("conflict");
		assertThat(this.service.kapta().tags("fay@example.com")).containsExactly("Champion");
		assertThat(api("GET", "/api/contacts/ann@example.com/history", "ann").body()).contains("mailchimp (webhook)",
				"unsubscribed");

		int events = jdbc().queryForObject("SELECT COUNT(*) FROM webhook_event", Integer.class);
		HttpResponse<String> tagged = api("PUT", "/api/contacts/tags", "dan",
				"{\"email\":\"eve@example.com\",\"add\":[\"VIP\"]}");
		assertThat(tagged.statusCode()).isEqualTo(200);
		await().atMost(IN_SECONDS)
			.until(() -> this.sandbox.audience().member("eve@example.com").orElseThrow().tags().contains("VIP"));
		api("POST", "/api/contacts", "dan", "{\"email\":\"new@example.com\",\"firstName\":\"New\"}");
		await().atMost(IN_SECONDS).until(() -> this.sandbox.audience().member("new@example.com").isPresent());
		Thread.sleep(1500);
		assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM webhook_event", Integer.class))
			.as("Kapta's own writes come back as no event")
			.isEqualTo(events);

		String status = api("GET", "/api/webhook", "ann").body();
		assertThat(status).contains("\"waiting\":0", "\"receivedToday\":" + events).doesNotContain(token);
		assertThat(api("GET", "/api/webhook", "dan").statusCode()).as("admins only").isEqualTo(403);
		String page = this.service.browser()
			.signIn("ann", "ann's long password")
			.send(this.service.browser().request("/settings"))
			.body();
		assertThat(page).doesNotContain(token);
	}

	@Test
	void eventsFiredWhileTheServiceIsDownAreAppliedAfterItsStart() throws Exception {
		start(false);
		// a sandbox of the test's own: the service's ends with it
		this.sandbox = MailchimpSandbox.start(SandboxOptions.defaults());
		this.service.bean(SettingsService.class)
			.save(new SettingsChange(true, this.sandbox.baseUrl(), this.sandbox.apiKey(), "Kapta Contacts"));
		this.sandbox.audience().webhookDeliveries(Duration.ofSeconds(2), 6, Duration.ofMillis(500));
		for (String name : List.of("g1", "g2", "g3")) {
			this.sandbox.audience().putMember(name + "@example.com", "subscribed");
		}
		this.service.kapta().load("g1@example.com,,,", "g2@example.com,,,", "g3@example.com,,,");
		assertThat(api("POST", "/api/webhook", "ann").statusCode()).isEqualTo(200);
		this.service.close();
		this.service = null;

		this.sandbox.audience().unsubscribe("g1@example.com");
		this.sandbox.audience().bounce("g2@example.com");
		this.sandbox.audience().unsubscribe("g3@example.com");
		Thread.sleep(1000);
		start(true);
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
			assertThat(this.service.kapta().status("g1@example.com")).isEqualTo("unsubscribed");
			assertThat(this.service.kapta().status("g2@example.com")).isEqualTo("cleaned");
			assertThat(this.service.kapta().status("g3@example.com")).isEqualTo("unsubscribed");
		});
	}

	private String secret(String name) throws Exception {
		Path file = this.service.bean(KaptaProperties.class).dataDir().resolve("secrets/mailchimp-webhook");
		return Files.readAllLines(file)
			.stream()
			.filter((line) -> line.startsWith(name + "="))
			.map((line) -> line.substring(name.length() + 1))
			.findFirst()
			.orElseThrow();
	}

	private int waiting() {
		return jdbc().queryForObject("SELECT COUNT(*) FROM webhook_event WHERE applied_at IS NULL", Integer.class);
	}

	private JdbcTemplate jdbc() {
		return this.service.bean(JdbcTemplate.class);
	}

	private HttpResponse<String> api(String method, String path, String user) {
		return api(method, path, user, null);
	}

	private HttpResponse<String> api(String method, String path, String user, String json) {
		return this.service.browser().api(method, path, user, json);
	}

}
