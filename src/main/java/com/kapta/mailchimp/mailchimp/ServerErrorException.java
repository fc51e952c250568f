package com.kapta.mailchimp.mailchimp;

/** Mailchimp failed to answer properly (5xx). */
public class ServerErrorException extends TransientMailchimpException {

	public ServerErrorException(String endpoint, int status, String title, String detail, long retryAfterSeconds) {
		super(endpoint, status, title, detail, retryAfterSeconds, null);
	}

}
