package com.kapta.mailchimp.mailchimp;

/** The API key was refused (401, or 403 with a problem document). */
public class AuthenticationException extends MailchimpException {

	public AuthenticationException(String endpoint, int status, String title, String detail) {
		super(endpoint, status, title, detail);
	}

}
