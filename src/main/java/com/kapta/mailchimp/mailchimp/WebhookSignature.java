package com.kapta.mailchimp.mailchimp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Mailchimp's signature of a delivery:
 * {@code X-Mailchimp-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.raw body">}
 * with the webhook's signing secret. Kapta checks it; the sandbox signs with it.
 */
public final class WebhookSignature {

	public static final String HEADER = "X-Mailchimp-Signature";

	private WebhookSignature() {
	}

	/**
	 * Whether {@code header} signs {@code body} with {@code secret} at a time within
	 * {@code tolerance} of {@code now}; compared in constant time.
	 */
	public static boolean valid(@Nullable String header, byte[] body, String secret, Instant now, Duration tolerance) {
		if (header == null) {
			return false;
		}
		String time = null;
		String signature = null;
		for (String part : header.split(",")) {
			String item = part.strip();
			if (item.startsWith("t=")) {
				time = item.substring(2);
			}
			else if (item.startsWith("v1=") && signature == null) {
				signature = item.substring(3);
			}
		}
		if (time == null || signature == null || !time.matches("[0-9]{1,12}")) {
			return false;
		}
		long seconds = Long.parseLong(time);
		if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
			return false;
		}
		byte[] expected = HexFormat.of().formatHex(sign(secret, seconds, body)).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
	}

	/** The header Mailchimp sends for {@code body} signed at {@code seconds}. */
	public static String header(String secret, long seconds, byte[] body) {
		return "t=" + seconds + ",v1=" + HexFormat.of().formatHex(sign(secret, seconds, body));
	}

	private static byte[] sign(String secret, long seconds, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((seconds + ".").getBytes(StandardCharsets.US_ASCII));
			return mac.doFinal(body);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("This JVM has no HmacSHA256", ex);
		}
	}

}
