package com.kapta.mailchimp.database.migration;

import java.sql.SQLException;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import com.kapta.mailchimp.database.Dialect;

/**
 * Creates Spring Batch's job repository from the script that ships with Spring Batch, so
 * its schema is versioned with ours (and a Batch upgrade gets a migration of its own)
 * instead of being re-run with errors swallowed at every start.
 */
public class V1__Job_repository extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws SQLException {
		String vendor = Dialect.of(context.getConnection()).vendor();
		ScriptUtils.executeSqlScript(context.getConnection(),
				new ClassPathResource("org/springframework/batch/core/schema-" + vendor + ".sql"));
	}

}
