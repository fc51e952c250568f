package com.kapta.mailchimp;

/**
 * A value given by the user or the configuration that Kapta refuses. The command line
 * answers it with exit code 2 and the message as the one line on stderr, so the message
 * must say what to fix and must never quote a secret.
 */
public class InvalidInputException extends KaptaException {

	public InvalidInputException(String message) {
		super(message);
	}

	public InvalidInputException(String message, Throwable cause) {
		super(message, cause);
	}

}
