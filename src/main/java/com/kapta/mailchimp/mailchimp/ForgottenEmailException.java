package com.kapta.mailchimp.mailchimp;

/**
 * The address was permanently deleted and cannot be re-added (400 Forgotten Email Not
 * Subscribed).
 */
public class ForgottenEmailException extends MailchimpException {

	public ForgottenEmailException(String endpoint, int status, String title, String detail) {
		super(endpoint, status, title, detail);
	}

}
