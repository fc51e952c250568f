package com.kapta.mailchimp.mailchimp;

import java.util.List;
import java.util.stream.Collectors;

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
		super(endpoint, status, title, withFields(detail, fieldErrors));
		this.fieldErrors = (fieldErrors != null) ? List.copyOf(fieldErrors) : List.of();
	}

	/**
	 * The detail with what Mailchimp said of each field: its detail alone only says to
	 * look there.
	 */
	private static String withFields(String detail, List<FieldError> fieldErrors) {
		if (fieldErrors == null || fieldErrors.isEmpty()) {
			return detail;
		}
		return ((detail != null) ? detail + " " : "") + fieldErrors.stream()
			.map((error) -> error.field() + ": " + error.message())
			.collect(Collectors.joining("; "));
	}

	public List<FieldError> fieldErrors() {
		return this.fieldErrors;
	}

}
