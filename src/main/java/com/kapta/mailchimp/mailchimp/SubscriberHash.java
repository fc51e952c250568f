package com.kapta.mailchimp.mailchimp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Mailchimp's member id: the MD5 of the lower-cased address, in hex. */
public final class SubscriberHash {

	private SubscriberHash() {
	}

	public static String of(String email) {
		try {
			byte[] digest = MessageDigest.getInstance("MD5")
				.digest(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has MD5", ex);
		}
	}

}
