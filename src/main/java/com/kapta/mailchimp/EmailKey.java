package com.kapta.mailchimp;

import java.util.Locale;

/**
 * How addresses are told apart, everywhere: ignoring case and surrounding spaces, as
 * Mailchimp keys its members (its subscriber hash is of the lower-cased address) and as
 * Kapta's database compares its contacts. Maps keyed by email use this key.
 */
public final class EmailKey {

	private EmailKey() {
	}

	public static String of(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

}
