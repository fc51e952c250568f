package com.kapta.mailchimp.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.OnPostgres;
import com.kapta.mailchimp.TestHomes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user sees when {@code kapta.database.url} names a PostgreSQL database Kapta
 * cannot use: one line and exit 2, nothing written; and that the demo leaves an
 * installation's database alone.
 */
@OnPostgres
class DatabaseSettingsOnPostgresTests {

	private Path data;

	private Map<String, String> database;

	@BeforeEach
	void home() {
		this.data = TestHomes.reset("DatabaseSettingsOnPostgresTests").resolve("data");
		this.database = OnPostgres.Server.freshDatabase("DatabaseSettingsOnPostgresTests");
	}

	@Test
	void aFreshDatabaseIsMigratedAndUsedByEveryCommand() {
		CliRun status = CliRun.run(this.data, this.database, "status");

		assertThat(status.exitCode()).as(status.err()).isZero();
		assertThat(tables()).contains("contact", "import_change", "batch_job_instance", "flyway_schema_history");
	}

	@Test
	void aServerThatDoesNotAnswerOrRefusesTheUserIsOneLineAndExitTwo() {
		assertRefused(with("kapta.database.url", "jdbc:postgresql://127.0.0.1:1/kapta"), "Cannot connect");
		assertRefused(with("kapta.database.password", "not the password"), "password authentication failed");
		assertRefused(with("kapta.database.url", OnPostgres.Server.urlOf("kapta_no_such_database")), "does not exist");
	}

	@Test
	void aDatabaseOfSomethingElseIsRefusedBeforeAnyWrite() throws Exception {
		sql("CREATE TABLE invoices (id INT PRIMARY KEY)");

		assertRefused(this.database, "not one Kapta can use");
		assertThat(tables()).containsExactly("invoices");
	}

	@Test
	void aSchemaNewerThanTheCodeIsRefused() throws Exception {
		assertThat(CliRun.run(this.data, this.database, "status").exitCode()).isZero();
		sql("""
				INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
				    installed_by, execution_time, success)
				VALUES (99, '99', 'From a newer Kapta', 'SQL', 'V99__From_a_newer_Kapta.sql', 0, 'kapta', 0, TRUE)""");

		assertRefused(this.database, "not resolved locally: 99");
	}

	@Test
	void theDemoLeavesADatabaseThatHoldsKaptasDataAlone() throws Exception {
		assertThat(CliRun.run(this.data, this.database, "contacts", "add", "--email", "ann@example.com").exitCode())
			.isZero();

		CliRun demo = CliRun.run(this.data, this.database, "demo");

		assertThat(demo.exitCode()).isEqualTo(2);
		assertThat(demo.err()).contains("already holds Kapta's data").hasLineCount(1);
		assertThat(count("SELECT COUNT(*) FROM contact")).isEqualTo(1);
	}

	@Test
	void theDemoTakesItsDatabaseFromItsOption() throws Exception {
		assertThat(CliRun.run(this.data, this.database, "contacts", "add", "--email", "ann@example.com").exitCode())
			.isZero();
		Map<String, String> credentialsOnly = new HashMap<>(this.database);
		String url = credentialsOnly.remove("kapta.database.url");

		CliRun demo = CliRun.run(this.data, credentialsOnly, "demo", "--database-url", url);

		assertThat(demo.exitCode()).isEqualTo(2);
		assertThat(demo.err()).contains("already holds Kapta's data").hasLineCount(1);
		CliRun notPostgres = CliRun.run(this.data, credentialsOnly, "demo", "--database-url", "jdbc:mysql://x/kapta");
		assertThat(notPostgres.exitCode()).isEqualTo(2);
		assertThat(notPostgres.err()).contains("jdbc:postgresql://").hasLineCount(1);
	}

	private Map<String, String> with(String key, String value) {
		Map<String, String> changed = new HashMap<>(this.database);
		changed.put(key, value);
		return changed;
	}

	private void assertRefused(Map<String, String> properties, String says) {
		CliRun run = CliRun.run(this.data, properties, "status");
		assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
		assertThat(run.err()).contains(says).hasLineCount(1).doesNotContain("not the password");
	}

	private void sql(String statement) throws Exception {
		try (var connection = connect(); var sql = connection.createStatement()) {
			sql.execute(statement);
		}
	}

	private long count(String query) throws Exception {
		try (var connection = connect(); var sql = connection.createStatement(); var rs = sql.executeQuery(query)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private List<String> tables() {
		try (var connection = connect();
				var rs = connection.getMetaData().getTables(null, "public", "%", new String[] { "TABLE" })) {
			List<String> names = new ArrayList<>();
			while (rs.next()) {
				names.add(rs.getString("TABLE_NAME"));
			}
			return names;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Connection connect() throws Exception {
		return DriverManager.getConnection(this.database.get("kapta.database.url"),
				this.database.get("kapta.database.username"), this.database.get("kapta.database.password"));
	}

}
