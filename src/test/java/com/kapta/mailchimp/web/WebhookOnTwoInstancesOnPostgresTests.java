package com.kapta.mailchimp.web;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.OnPostgres;
import com.kapta.mailchimp.TestHomes;
import com.kapta.mailchimp.mailchimp.WebhookSignature;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.webhook.WebhookRegistration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two services on one PostgreSQL database, each receiving events (the sandbox delivers to
 * the registered one, a load balancer would send the others to the second) and both
 * workers applying what waits: each of 200 events is applied exactly once, and a delivery
 * replayed to the other instance is not stored again.
 */
@OnPostgres
class WebhookOnTwoInstancesOnPostgresTests {

	private static final int EVENTS = 200;

	private final List<AutoCloseable> open = new ArrayList<>();

	@AfterEach
	void stop() throws Exception {
		for (int i = this.open.size() - 1; i >= 0; i--) {
			this.open.get(i).close();
		}
	}

	@Test
	void eachOf200EventsIsAppliedOnceByOneOfTwoInstances() throws Exception {
		Map<String, String> database = OnPostgres.Server.freshDatabase(getClass().getSimpleName());
		List<String> db = database.entrySet().stream().map((e) -> "--" + e.getKey() + "=" + e.getValue()).toList();
		int portA = TestHomes.freePort();
		WebService a = service("WebhookTwoInstancesA", portA, db);
		WebService b = service("WebhookTwoInstancesB", TestHomes.freePort(), db);
		MailchimpSandbox sandbox = MailchimpSandbox.start(SandboxOptions.defaults().withLatency(20));
		this.open.add(sandbox);
		a.bean(SettingsService.class)
			.save(new SettingsChange(true, sandbox.baseUrl(), sandbox.apiKey(), "Kapta Contacts"));
		List<String> emails = IntStream.range(0, EVENTS).mapToObj((i) -> "m" + i + "@example.com").toList();
		emails.forEach((email) -> sandbox.audience().putMember(email, "subscribed"));
		a.kapta().load(emails.stream().map((email) -> email + ",,,").toArray(String[]::new));
		a.bean(WebhookRegistration.class).register();
		// each instance has the data folder's secrets: the API key and the webhook's
		Path secrets = a.bean(KaptaProperties.class).dataDir().resolve("secrets");
		Path copy = b.bean(KaptaProperties.class).dataDir().resolve("secrets");
		Files.createDirectories(copy);
		for (String file : List.of("mailchimp-api-key", "mailchimp-webhook")) {
			Files.copy(secrets.resolve(file), copy.resolve(file), StandardCopyOption.REPLACE_EXISTING);
		}
		String token = value(secrets.resolve("mailchimp-webhook"), "token");
		String secret = value(secrets.resolve("mailchimp-webhook"), "signing-secret");

		List<String> toB = new ArrayList<>();
		for (int i = 0; i < EVENTS; i++) {
			if (i % 2 == 0) {
				// the sandbox delivers these to the registered instance
				sandbox.audience().unsubscribe(emails.get(i));
			}
			else {
				// these the other instance receives, as a load balancer sends them
				sandbox.audience().bounce(emails.get(i));
				String body = "type=cleaned&fired_at="
						+ URLEncoder.encode("2026-12-07 10:00:00", StandardCharsets.UTF_8)
						+ "&data[reason]=hard&data[email]=" + URLEncoder.encode(emails.get(i), StandardCharsets.UTF_8)
						+ "&data[list_id]=" + sandbox.audienceId();
				toB.add(body);
				deliver(b, token, secret, body);
			}
		}
		// replayed to the first instance: already stored by the second
		toB.stream().limit(20).forEach((body) -> deliver(a, token, secret, body));

		JdbcTemplate jdbc = a.bean(JdbcTemplate.class);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(
					jdbc.queryForObject("SELECT COUNT(*) FROM webhook_event WHERE applied_at IS NULL", Integer.class))
				.isZero());
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM webhook_event", Integer.class))
			.as("the sandbox's deliveries of the bounces were stored as well: their bodies differ from ours")
			.isBetween(EVENTS, EVENTS + EVENTS / 2);
		assertThat(jdbc.queryForList("""
				SELECT c.email FROM contact c JOIN contact_history h ON h.contact_id = c.id AND h.kind = 'STATUS'
				GROUP BY c.email HAVING COUNT(*) <> 1""", String.class))
			.as("every contact's status changed exactly once")
			.isEmpty();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact_history WHERE kind = 'STATUS'", Integer.class))
			.isEqualTo(EVENTS);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audience_member WHERE status = 'unsubscribed'",
				Integer.class))
			.isEqualTo(EVENTS / 2);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audience_member WHERE status = 'cleaned'", Integer.class))
			.isEqualTo(EVENTS / 2);
	}

	private WebService service(String name, int port, List<String> database) {
		List<String> args = new ArrayList<>(database);
		args.addAll(List.of("--kapta.web.port=" + port, "--kapta.web.public-url=http://127.0.0.1:" + port,
				"--kapta.webhook.poll=200ms"));
		WebService service = WebService.service(name, false, args.toArray(String[]::new));
		this.open.add(service);
		return service;
	}

	private static void deliver(WebService to, String token, String secret, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		var browser = to.browser();
		int status = browser
			.send(browser.request("/webhooks/mailchimp/" + token)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header(WebhookSignature.HEADER,
						WebhookSignature.header(secret, System.currentTimeMillis() / 1000, bytes))
				.POST(HttpRequest.BodyPublishers.ofByteArray(bytes)))
			.statusCode();
		assertThat(status).isEqualTo(200);
	}

	private static String value(Path file, String name) throws Exception {
		return Files.readAllLines(file)
			.stream()
			.filter((line) -> line.startsWith(name + "="))
			.map((line) -> line.substring(name.length() + 1))
			.findFirst()
			.orElseThrow();
	}

}
