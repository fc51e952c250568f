package com.kapta.mailchimp.database.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import com.kapta.mailchimp.database.Dialect;

/**
 * On HSQLDB, Spring Batch's id tables ({@code BATCH_*_SEQ}) become sequences, which take
 * no lock (why: {@code batch.JobRepositoryConfiguration}). Each sequence starts after the
 * highest id the table handed out or the repository holds, so no id is given twice.
 * PostgreSQL's schema has had sequences from the start.
 */
public class V9__Job_repository_sequences extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		if (Dialect.of(connection) != Dialect.HSQLDB) {
			return;
		}
		sequence(connection, "BATCH_JOB_INSTANCE_SEQ", "BATCH_JOB_INSTANCE", "JOB_INSTANCE_ID");
		sequence(connection, "BATCH_JOB_EXECUTION_SEQ", "BATCH_JOB_EXECUTION", "JOB_EXECUTION_ID");
		sequence(connection, "BATCH_STEP_EXECUTION_SEQ", "BATCH_STEP_EXECUTION", "STEP_EXECUTION_ID");
	}

	private static void sequence(Connection connection, String name, String table, String idColumn)
			throws SQLException {
		long next = Math.max(max(connection, "SELECT MAX(ID) FROM " + name),
				max(connection, "SELECT MAX(" + idColumn + ") FROM " + table)) + 1;
		try (Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE " + name);
			statement.execute("CREATE SEQUENCE " + name + " AS BIGINT START WITH " + next);
		}
	}

	private static long max(Connection connection, String query) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
			// MAX of no rows is NULL, read as 0: a fresh repository's ids start at 1
			return result.next() ? result.getLong(1) : 0;
		}
	}

}
