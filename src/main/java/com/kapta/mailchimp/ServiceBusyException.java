package com.kapta.mailchimp;

import java.sql.SQLTransientConnectionException;

import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The service is overwhelmed for a moment (every database connection in use, a run slow
 * to start): nothing is wrong with the request, and the same one succeeds a little later.
 * The web answers 503 with {@code Retry-After}; a command exits 1 with these words.
 */
public class ServiceBusyException extends KaptaException {

	/**
	 * Seconds a client is asked to wait ({@code Retry-After}): the pool frees connections
	 * in about that.
	 */
	public static final int RETRY_AFTER_SECONDS = 2;

	public ServiceBusyException(String message) {
		super(message);
	}

	public ServiceBusyException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Whether {@code failure} (or what caused it) is the database's pool refusing a
	 * connection after its timeout, the mark of an overwhelmed service.
	 */
	public static boolean isBusy(Throwable failure) {
		return Causes.chain(failure)
			.anyMatch(
					(cause) -> cause instanceof ServiceBusyException || cause instanceof SQLTransientConnectionException
							|| cause instanceof CannotGetJdbcConnectionException
							|| cause instanceof CannotCreateTransactionException
							|| cause instanceof TransientDataAccessResourceException);
	}

}
