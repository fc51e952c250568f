package com.kapta.mailchimp.mailchimp;

/**
 * Mailchimp did not manage a page of this size in time (504, or no answer within the
 * response timeout): live Mailchimp does this intermittently for pages of 1000 members,
 * and a smaller page succeeds. Raised at once, without the client's retries, so the
 * reader can ask for smaller pages.
 */
public class PageTimeoutException extends TransientMailchimpException {

	PageTimeoutException(String endpoint, TransientMailchimpException cause) {
		super(endpoint, cause.status(), cause.title(), cause.detail(), -1, cause);
	}

}
