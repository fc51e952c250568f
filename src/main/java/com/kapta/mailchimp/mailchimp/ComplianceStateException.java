package com.kapta.mailchimp.mailchimp;

/**
 * The address is in a compliance state (unsubscribed, bounced) and cannot be subscribed
 * (400 Member In Compliance State).
 */
public class ComplianceStateException extends MailchimpException {

	public ComplianceStateException(String endpoint, int status, String title, String detail) {
		super(endpoint, status, title, detail);
	}

}
