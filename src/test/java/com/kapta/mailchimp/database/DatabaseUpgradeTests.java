package com.kapta.mailchimp.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.KaptaApplication;
import com.kapta.mailchimp.TestHomes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An embedded database made by the version before (Spring Batch's id tables, table locks)
 * is upgraded when this one opens it: its run ids continue after the highest given, from
 * sequences, writers lock rows, and its data file is mapped into memory whole.
 */
class DatabaseUpgradeTests {

	@Test
	void aDatabaseOfTheVersionBeforeKeepsItsRunsAndGetsSequencesRowLocksAndAMappedDataFile() throws Exception {
		Path home = TestHomes.reset("DatabaseUpgradeTests");
		var files = new DatabaseFiles(home.resolve("data").toAbsolutePath());
		String url = files.fileUrl().replace("hsqldb.tx=mvcc", "hsqldb.tx=mvlocks");
		Flyway.configure()
			.dataSource(url, "SA", "")
			.locations("classpath:db/migration/hsqldb", "classpath:com/kapta/mailchimp/database/migration")
			.target("7")
			.load()
			.migrate();
		try (Connection connection = DriverManager.getConnection(url, "SA", "");
				Statement statement = connection.createStatement()) {
			// what the version before left: run 41, and ids up to 57 handed out by its id
			// table
			statement.execute("INSERT INTO BATCH_JOB_INSTANCE VALUES (41, 0, 'upload', 'k41')");
			statement.execute("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID,"
					+ " CREATE_TIME, STATUS) VALUES (41, 1, 41, CURRENT_TIMESTAMP, 'COMPLETED')");
			statement.execute("INSERT INTO BATCH_JOB_EXECUTION_SEQ VALUES (57)");
			assertThat(transactionControl(statement)).isEqualTo("MVLOCKS");
			assertThat(property(statement, "hsqldb.nio_max_size")).as("HSQLDB's default, in MB").isEqualTo("256");
			statement.execute("SHUTDOWN");
		}

		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(KaptaApplication.class)
			.run("--kapta.data-dir=" + home.resolve("data"), "--kapta.jobs-dir=" + home.resolve("jobs"))) {
			JobRepository repository = context.getBean(JobRepository.class);
			var parameters = new JobParametersBuilder().addLong("run", 1L).toJobParameters();
			var instance = repository.createJobInstance("upload", parameters);
			JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());

			assertThat(instance.getInstanceId()).isEqualTo(42);
			assertThat(execution.getId()).as("after the highest id the old table handed out").isEqualTo(58);
			assertThat(repository.getJobExecution(41L).getStatus().name()).isEqualTo("COMPLETED");
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject(
					"SELECT COUNT(*) FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_NAME LIKE 'BATCH_%_SEQ'",
					Integer.class))
				.isEqualTo(3);
			assertThat(jdbc.queryForObject("SELECT PROPERTY_VALUE FROM INFORMATION_SCHEMA.SYSTEM_PROPERTIES"
					+ " WHERE PROPERTY_NAME = 'hsqldb.tx'", String.class))
				.isEqualToIgnoringCase("MVCC");
			assertThat(jdbc.queryForObject("SELECT PROPERTY_VALUE FROM INFORMATION_SCHEMA.SYSTEM_PROPERTIES"
					+ " WHERE PROPERTY_NAME = 'hsqldb.nio_max_size'", String.class))
				.as("the data file mapped whole up to 8 GB")
				.isEqualTo("8192");
		}
	}

	private static String transactionControl(Statement statement) throws Exception {
		return property(statement, "hsqldb.tx").toUpperCase(java.util.Locale.ROOT);
	}

	private static String property(Statement statement, String name) throws Exception {
		try (var result = statement.executeQuery("SELECT PROPERTY_VALUE FROM INFORMATION_SCHEMA.SYSTEM_PROPERTIES"
				+ " WHERE PROPERTY_NAME = '" + name + "'")) {
			result.next();
			return result.getString(1);
		}
	}

}
