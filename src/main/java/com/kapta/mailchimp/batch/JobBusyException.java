package com.kapta.mailchimp.batch;

import com.kapta.mailchimp.KaptaException;

/**
 * A launch refused because a run of the job is going (here or in another process): it
 * ends by itself, so trying again later succeeds.
 */
public class JobBusyException extends KaptaException {

	JobBusyException(String message) {
		super(message);
	}

	JobBusyException(String message, Throwable cause) {
		super(message, cause);
	}

}
