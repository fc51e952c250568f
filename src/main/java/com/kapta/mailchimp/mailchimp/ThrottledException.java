package com.kapta.mailchimp.mailchimp;

/**
 * Too many requests: 429, or a 403 without a body (what Mailchimp sends at high volume).
 */
public class ThrottledException extends TransientMailchimpException {

	public ThrottledException(String endpoint, int status, String title, String detail, long retryAfterSeconds) {
		super(endpoint, status, title, detail, retryAfterSeconds, null);
	}

}
