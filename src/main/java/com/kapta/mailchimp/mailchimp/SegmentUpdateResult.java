package com.kapta.mailchimp.mailchimp;

import java.util.List;

/**
 * Mailchimp's answer to a bulk tag (static segment) update. Addresses that are not members come back
 * in {@code errors}.
 */
public record SegmentUpdateResult(int totalAdded, int totalRemoved, List<Error> errors, int errorCount) {

	/** Addresses Mailchimp could not add or remove, and why. */
	public record Error(List<String> emailAddresses, String error) {
	}

}
