package com.kapta.mailchimp.mailchimp;

import com.kapta.mailchimp.KaptaException;

/**
 * A call Mailchimp refused or that did not reach it. The message is built from
 * Mailchimp's problem document (title and detail) and the endpoint template, never from
 * the request, so it cannot carry the API key. Subclasses name the cases the jobs treat
 * differently.
 */
public class MailchimpException extends KaptaException {

	private final int status;

	private final String title;

	private final String detail;

	public MailchimpException(String endpoint, int status, String title, String detail) {
		this(endpoint, status, title, detail, null);
	}

	public MailchimpException(String endpoint, int status, String title, String detail, Throwable cause) {
		super("Mailchimp " + endpoint + ": " + (status > 0 ? status + " " : "") + title
				+ (detail == null || detail.isBlank() ? "" : " (" + detail + ")"), cause);
		this.status = status;
		this.title = title;
		this.detail = detail;
	}

	/** The HTTP status, or 0 when no answer came. */
	public int status() {
		return this.status;
	}

	/** Mailchimp's title for the problem, e.g. {@code Invalid Resource}. */
	public String title() {
		return this.title;
	}

	public String detail() {
		return this.detail;
	}

	/** Whether the same call may succeed if made again later. */
	public boolean retryable() {
		return false;
	}

}
