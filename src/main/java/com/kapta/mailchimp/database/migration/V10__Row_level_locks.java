package com.kapta.mailchimp.database.migration;

import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import com.kapta.mailchimp.database.Dialect;

/**
 * On HSQLDB, row-level locks (MVCC) instead of table locks for writers (MVLOCKS). With
 * table locks, a contact edit and an upload's chunk, writing the same tables for
 * different contacts in another order, deadlocked: HSQLDB then rolled one back
 * ("serialization failure"), a failed request or a failed chunk. With row locks they
 * touch different rows and never wait for each other. A new database is created so
 * ({@code hsqldb.tx=mvcc} in its URL); this switches one made before.
 */
public class V10__Row_level_locks extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws SQLException {
		if (Dialect.of(context.getConnection()) != Dialect.HSQLDB) {
			return;
		}
		try (Statement statement = context.getConnection().createStatement()) {
			statement.execute("SET DATABASE TRANSACTION CONTROL MVCC");
		}
	}

	/** HSQLDB switches only between transactions. */
	@Override
	public boolean canExecuteInTransaction() {
		return false;
	}

}
