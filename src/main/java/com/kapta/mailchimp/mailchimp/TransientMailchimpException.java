package com.kapta.mailchimp.mailchimp;

/**
 * A failure that may pass if the call is made again; the client retries these with
 * backoff.
 */
public abstract class TransientMailchimpException extends MailchimpException {

	private final long retryAfterSeconds;

	protected TransientMailchimpException(String endpoint, int status, String title, String detail,
			long retryAfterSeconds, Throwable cause) {
		super(endpoint, status, title, detail, cause);
		this.retryAfterSeconds = retryAfterSeconds;
	}

	/** Mailchimp's {@code Retry-After}, in seconds, or -1 when it gave none. */
	public long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

	@Override
	public boolean retryable() {
		return true;
	}

}
