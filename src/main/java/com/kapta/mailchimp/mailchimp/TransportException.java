package com.kapta.mailchimp.mailchimp;

/** No usable answer: connection refused or dropped, or a timeout. */
public class TransportException extends TransientMailchimpException {

	public TransportException(String endpoint, String what, Throwable cause) {
		super(endpoint, 0, what, null, -1, cause);
	}

}
