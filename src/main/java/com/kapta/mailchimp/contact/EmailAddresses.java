package com.kapta.mailchimp.contact;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.kapta.mailchimp.InvalidInputException;

/**
 * Kapta's rule for an email address: trimmed, one {@code @}, a dotted domain, letters of
 * any script. Identity is case-insensitive (the database compares emails ignoring case),
 * as on Mailchimp.
 */
public final class EmailAddresses {

	private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?";

	private static final Pattern LOCAL = Pattern
		.compile("[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*");

	private static final Pattern DOMAIN = Pattern.compile(LABEL + "(?:\\." + LABEL + ")+");

	private EmailAddresses() {
	}

	/** The trimmed address, or a refusal that says what is wrong with it. */
	public static String requireValid(String raw) {
		String email = raw == null ? "" : raw.strip();
		String problem = problem(email);
		if (problem != null) {
			throw new InvalidInputException(email.isEmpty() ? "The email address is missing"
					: "'" + email + "' is not a valid email address: " + problem);
		}
		return email;
	}

	private static @Nullable String problem(String email) {
		if (email.isEmpty()) {
			return "it is empty";
		}
		if (email.length() > 254) {
			return "it is longer than 254 characters";
		}
		int at = email.lastIndexOf('@');
		if (at < 0) {
			return "it has no @";
		}
		String local = email.substring(0, at);
		String domain = email.substring(at + 1);
		if (local.isEmpty() || local.length() > 64 || !LOCAL.matcher(local).matches()) {
			return "the part before the @ is not valid";
		}
		if (!DOMAIN.matcher(domain).matches()) {
			return "the domain after the @ is not valid";
		}
		return null;
	}

}
