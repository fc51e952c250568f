package com.kapta.mailchimp.mailchimp;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mailchimp's answer to a bulk tag (static segment) update. Addresses that are not
 * members come back in {@code errors}.
 */
public record SegmentUpdateResult(int totalAdded, int totalRemoved, List<Error> errors, int errorCount) {

	/**
	 * Why Mailchimp did not add or remove each address it names, by address ignoring
	 * case.
	 */
	public Map<String, String> errorsByEmail() {
		Map<String, String> errors = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		this.errors.forEach((error) -> error.emailAddresses().forEach((email) -> errors.put(email, error.error())));
		return errors;
	}

	/** Addresses Mailchimp could not add or remove, and why. */
	public record Error(List<String> emailAddresses, String error) {
	}

}
