package com.kapta.mailchimp.mailchimp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mailchimp's webhook signature, {@code t=<seconds>,v1=<hex HMAC-SHA256 of "t.body">}:
 * what the sandbox signs, the endpoint accepts, and nothing else.
 */
@Tag("fast")
class WebhookSignatureTests {

	private static final String SECRET = "whsec-0123456789abcdef";

	private static final byte[] BODY = "type=unsubscribe&data%5Bemail%5D=ann%40example.com"
		.getBytes(StandardCharsets.UTF_8);

	private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

	private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

	@Test
	void aSignatureMadeWithTheSecretIsAcceptedWithinTheWindowInEitherCase() {
		String header = WebhookSignature.header(SECRET, NOW.getEpochSecond(), BODY);

		assertThat(header).matches("t=1796637600,v1=[0-9a-f]{64}");
		assertThat(WebhookSignature.valid(header, BODY, SECRET, NOW, FIVE_MINUTES)).isTrue();
		assertThat(WebhookSignature.valid(header.toUpperCase(Locale.ROOT).replace("T=", "t=").replace("V1=", "v1="),
				BODY, SECRET, NOW, FIVE_MINUTES))
			.as("hex in capitals")
			.isTrue();
		assertThat(WebhookSignature.valid(
				" v1=" + header.substring(header.indexOf("v1=") + 3) + " , t=" + NOW.getEpochSecond(), BODY, SECRET,
				NOW.plusSeconds(299), FIVE_MINUTES))
			.as("parts in another order, spaces, 299 s later")
			.isTrue();
	}

	@Test
	void anotherBodySecretOrTimeAndMalformedHeadersAreRefused() {
		long t = NOW.getEpochSecond();
		String header = WebhookSignature.header(SECRET, t, BODY);
		byte[] tampered = "type=unsubscribe&data%5Bemail%5D=bob%40example.com".getBytes(StandardCharsets.UTF_8);

		assertThat(WebhookSignature.valid(header, tampered, SECRET, NOW, FIVE_MINUTES)).as("another body").isFalse();
		assertThat(WebhookSignature.valid(header, BODY, SECRET + "x", NOW, FIVE_MINUTES)).as("another secret")
			.isFalse();
		assertThat(WebhookSignature.valid(header, BODY, SECRET, NOW.plusSeconds(301), FIVE_MINUTES)).as("stale")
			.isFalse();
		assertThat(WebhookSignature.valid(header, BODY, SECRET, NOW.minusSeconds(301), FIVE_MINUTES))
			.as("from the future")
			.isFalse();
		String signature = header.substring(header.indexOf("v1=") + 3);
		assertThat(WebhookSignature.valid("t=" + (t + 1) + ",v1=" + signature, BODY, SECRET, NOW, FIVE_MINUTES))
			.as("the time changed under the same signature")
			.isFalse();
		for (String malformed : new String[] { null, "", "v1=" + signature, "t=" + t, "t=abc,v1=" + signature,
				"t=" + t + ",v1=", "t=" + t + ",v1=" + signature.substring(2), "t=99999999999999,v1=" + signature }) {
			assertThat(WebhookSignature.valid(malformed, BODY, SECRET, NOW, FIVE_MINUTES)).as(malformed).isFalse();
		}
	}

}
