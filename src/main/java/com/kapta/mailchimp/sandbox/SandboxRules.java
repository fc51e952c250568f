package com.kapta.mailchimp.sandbox;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** Which addresses the sandbox, like Mailchimp, refuses to add. */
final class SandboxRules {

	private static final Pattern PLAUSIBLE_EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]{2,}");

	/** Domains Mailchimp would call fake: reserved top-level domains. */
	private static final Set<String> FAKE_TLDS = Set.of("invalid", "test", "localhost", "example");

	private SandboxRules() {
	}

	/**
	 * Mailchimp's reason for not adding the address with this status; none when it would.
	 */
	static @Nullable String refusal(String email, @Nullable String status, boolean forgotten) {
		if (status == null || !SandboxAudience.STATUSES.contains(status) || "archived".equals(status)) {
			return "Invalid status for " + email + ": " + status;
		}
		if (forgotten) {
			return email + " was permanently deleted and cannot be re-imported. "
					+ "The contact must re-subscribe to get back on the list.";
		}
		if (!PLAUSIBLE_EMAIL.matcher(email).matches()
				|| FAKE_TLDS.contains(email.substring(email.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT))) {
			return email + " looks fake or invalid, please enter a real email address.";
		}
		return null;
	}

}
