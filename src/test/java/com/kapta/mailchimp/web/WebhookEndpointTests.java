package com.kapta.mailchimp.web;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.mailchimp.WebhookSignature;
import com.kapta.mailchimp.settings.SettingsService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook endpoint as an attacker and as Mailchimp meet it, over real HTTP: no
 * sign-in and no CSRF token, but the token in the address and the delivery's signature
 * must be Kapta's, and only then is a Mailchimp form stored, once.
 */
class WebhookEndpointTests {

	private static final String TOKEN = "a".repeat(64);

	private static final String SECRET = "the signing secret";

	private static final String AUDIENCE = "aud1234567";

	private static WebService service;

	private static WebService.Browser mailchimp;

	@BeforeAll
	static void start() throws Exception {
		service = WebService.start("WebhookEndpointTests");
		service.bean(SettingsService.class).recordAudience(AUDIENCE, false);
		Path secrets = service.bean(KaptaProperties.class).dataDir().resolve("secrets");
		Files.createDirectories(secrets);
		// as a registration leaves them
		Files.writeString(secrets.resolve("mailchimp-webhook"), "token=" + TOKEN + "\nsigning-secret=" + SECRET + "\n");
		mailchimp = service.browser();
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@BeforeEach
	void noEvents() {
		jdbc().update("DELETE FROM webhook_event");
	}

	@Test
	void mailchimpsCheckIsAnsweredWithoutSignIn() {
		assertThat(mailchimp.send(mailchimp.request("/webhooks/mailchimp/" + TOKEN)).statusCode()).isEqualTo(200);
	}

	@Test
	void aSignedEventIsStoredOnceHoweverOftenItIsDelivered() {
		String body = unsubscribe("ann@example.com", AUDIENCE);
		assertThat(deliver(TOKEN, body, sign(body, now())).statusCode()).isEqualTo(200);
		assertThat(deliver(TOKEN, body, sign(body, now())).statusCode()).as("Mailchimp's retry").isEqualTo(200);
		assertThat(stored()).isEqualTo(1);
		assertThat(jdbc().queryForObject("SELECT event_type || ' ' || email FROM webhook_event", String.class))
			.isEqualTo("unsubscribe ann@example.com");
	}

	@Test
	void aWrongTokenAForgedOrStaleSignatureOrNoneAre401AndStoreNothing() {
		String body = unsubscribe("ann@example.com", AUDIENCE);
		assertThat(deliver("b".repeat(64), body, sign(body, now())).statusCode()).as("wrong token").isEqualTo(401);
		assertThat(deliver("", body, sign(body, now())).statusCode()).as("no token").isIn(401, 404, 405);
		assertThat(deliver(TOKEN, body, WebhookSignature.header("another secret", now(), bytes(body))).statusCode())
			.as("forged")
			.isEqualTo(401);
		assertThat(deliver(TOKEN, body, sign(body, now() - 600)).statusCode()).as("ten minutes old").isEqualTo(401);
		assertThat(deliver(TOKEN, body, null).statusCode()).as("unsigned").isEqualTo(401);
		assertThat(deliver(TOKEN, body + "&data[reason]=x", sign(body, now())).statusCode())
			.as("the body changed after it was signed")
			.isEqualTo(401);
		assertThat(stored()).isZero();
	}

	@Test
	void aSignedBodyThatIsNotAMailchimpFormIs400AndAnotherAudiencesEventIsIgnored() {
		for (String body : new String[] { "%zz=1", "{\"type\":\"unsubscribe\"}", "type=unsubscribe",
				"type=nonsense&data[email]=ann@example.com", "" }) {
			assertThat(deliver(TOKEN, body, sign(body, now())).statusCode()).as(body).isEqualTo(400);
		}
		String huge = unsubscribe("ann@example.com", AUDIENCE) + "&data[merges][FNAME]=" + "x".repeat(16 * 1024);
		assertThat(deliver(TOKEN, huge, sign(huge, now())).statusCode()).as("larger than a delivery may be")
			.isEqualTo(413);
		String other = unsubscribe("ann@example.com", "another1");
		assertThat(deliver(TOKEN, other, sign(other, now())).statusCode()).isEqualTo(204);
		assertThat(stored()).isZero();
	}

	@Test
	void theTokenNeverReachesTheLog() throws Exception {
		deliver("b".repeat(64), "x", null);
		String body = unsubscribe("cy@example.com", AUDIENCE);
		deliver(TOKEN, body, sign(body, now()));
		Path log = service.bean(KaptaProperties.class).dataDir().resolve("logs").resolve("kapta.log");
		assertThat(Files.readString(log)).doesNotContain(TOKEN).doesNotContain("b".repeat(64)).doesNotContain(SECRET);
	}

	static String unsubscribe(String email, String audience) {
		return "type=unsubscribe&fired_at=" + URLEncoder.encode("2026-12-07 10:00:00", StandardCharsets.UTF_8)
				+ "&data[action]=unsub&data[reason]=manual&data[id]=x&data[email]="
				+ URLEncoder.encode(email, StandardCharsets.UTF_8) + "&data[list_id]=" + audience;
	}

	private static HttpResponse<String> deliver(String token, String body, String signature) {
		HttpRequest.Builder request = mailchimp.request("/webhooks/mailchimp/" + token)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (signature != null) {
			request.header(WebhookSignature.HEADER, signature);
		}
		return mailchimp.send(request);
	}

	private static String sign(String body, long seconds) {
		return WebhookSignature.header(SECRET, seconds, bytes(body));
	}

	private static byte[] bytes(String body) {
		return body.getBytes(StandardCharsets.UTF_8);
	}

	private static long now() {
		return Instant.now().getEpochSecond();
	}

	private static int stored() {
		return jdbc().queryForObject("SELECT COUNT(*) FROM webhook_event", Integer.class);
	}

	private static JdbcTemplate jdbc() {
		return service.bean(JdbcTemplate.class);
	}

}
