package com.kapta.mailchimp.mailchimp;

/** Adding an address that is already a member (400 Member Exists). */
public class MemberExistsException extends MailchimpException {

	public MemberExistsException(String endpoint, int status, String title, String detail) {
		super(endpoint, status, title, detail);
	}

}
