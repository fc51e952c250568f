package com.kapta.mailchimp.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * PostgreSQL's session advisory locks, keyed by two integers (Kapta's namespace, then the
 * key within it): held by a connection until it unlocks them or goes.
 */
final class AdvisoryLock {

	private AdvisoryLock() {
	}

	/** Takes the lock if it is free (true), or not (false); never waits. */
	static boolean tryLock(Connection connection, int namespace, int key) throws SQLException {
		return call(connection, "pg_try_advisory_lock", namespace, key);
	}

	static void unlock(Connection connection, int namespace, int key) throws SQLException {
		call(connection, "pg_advisory_unlock", namespace, key);
	}

	private static boolean call(Connection connection, String function, int namespace, int key) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?, ?)")) {
			statement.setInt(1, namespace);
			statement.setInt(2, key);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

}
