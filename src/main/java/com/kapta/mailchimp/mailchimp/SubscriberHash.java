package com.kapta.mailchimp.mailchimp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.kapta.mailchimp.EmailKey;

/** Mailchimp's member id: the MD5 of the lower-cased address, in hex. */
public final class SubscriberHash {

	private SubscriberHash() {
	}

	public static String of(String email) {
		try {
			byte[] digest = MessageDigest.getInstance("MD5")
				.digest(EmailKey.of(email).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has MD5", ex);
		}
	}

}
