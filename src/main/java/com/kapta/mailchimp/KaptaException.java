package com.kapta.mailchimp;

/**
 * A command that could not do what it was asked, for a reason the user can act on (exit
 * code 1). The message is the one line printed on stderr: it names what failed and never
 * quotes a secret.
 */
public class KaptaException extends RuntimeException {

	public KaptaException(String message) {
		super(message);
	}

	public KaptaException(String message, Throwable cause) {
		super(message, cause);
	}

}
