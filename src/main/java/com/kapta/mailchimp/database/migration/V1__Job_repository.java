package com.kapta.mailchimp.database.migration;

import java.sql.SQLException;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Creates Spring Batch's job repository from the script that ships with Spring Batch, so
 * its schema is versioned with ours (and a Batch upgrade gets a migration of its own)
 * instead of being re-run with errors swallowed at every start.
 */
public class V1__Job_repository extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws SQLException {
		String product = context.getConnection().getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
		String vendor = product.contains("postgres") ? "postgresql" : "hsqldb";
		ScriptUtils.executeSqlScript(context.getConnection(),
				new ClassPathResource("org/springframework/batch/core/schema-" + vendor + ".sql"));
	}

}
