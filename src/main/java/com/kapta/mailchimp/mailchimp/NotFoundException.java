package com.kapta.mailchimp.mailchimp;

/** The audience, member or tag does not exist (404). */
public class NotFoundException extends MailchimpException {

	public NotFoundException(String endpoint, int status, String title, String detail) {
		super(endpoint, status, title, detail);
	}

}
