package com.kapta.mailchimp.mailchimp;

import java.util.List;

/**
 * Mailchimp refused the request's content (400 Invalid Resource), naming the fields at
 * fault.
 */
public class InvalidResourceException extends MailchimpException {

	/** A field Mailchimp refused and why. */
	public record FieldError(String field, String message) {
	}

	private final List<FieldError> fieldErrors;

	public InvalidResourceException(String endpoint, int status, String title, String detail,
			List<FieldError> fieldErrors) {
		super(endpoint, status, title, detail);
		this.fieldErrors = (fieldErrors != null) ? List.copyOf(fieldErrors) : List.of();
	}

	public List<FieldError> fieldErrors() {
		return this.fieldErrors;
	}

}
