package com.kapta.mailchimp.database;

import com.kapta.mailchimp.InvalidInputException;

/** The database cannot be opened: locked by another process, corrupt, or not Kapta's. */
public class DatabaseUnavailableException extends InvalidInputException {

	public DatabaseUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
