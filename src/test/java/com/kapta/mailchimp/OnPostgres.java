package com.kapta.mailchimp;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Locale;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.annotation.DirtiesContext;

/**
 * Runs a {@link KaptaSpringTest} class against a real PostgreSQL server: a database of
 * its own, created empty for the class, named in {@code kapta.database.url}. The server
 * comes from {@code KAPTA_TEST_POSTGRES_URL} (a JDBC URL of a database the user
 * {@code KAPTA_TEST_POSTGRES_USER}, password {@code KAPTA_TEST_POSTGRES_PASSWORD}, may
 * create databases from; {@code .ci/run} starts Debian's PostgreSQL and sets them).
 * Without it the class is skipped, saying so, unless {@code KAPTA_REQUIRE_POSTGRES} is
 * set (CI sets it).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(OnPostgres.Available.class)
// each class's context is closed after it: a cached one would keep its pool's
// connections,
// and PostgreSQL admits a hundred
@DirtiesContext
public @interface OnPostgres {

	/** Skips the class, or fails it when PostgreSQL is required, without a server. */
	class Available implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			if (Server.url() != null) {
				return ConditionEvaluationResult.enabled("PostgreSQL at KAPTA_TEST_POSTGRES_URL");
			}
			if (System.getenv("KAPTA_REQUIRE_POSTGRES") != null) {
				throw new IllegalStateException(
						"KAPTA_REQUIRE_POSTGRES is set but KAPTA_TEST_POSTGRES_URL is not: .ci/run starts one");
			}
			return ConditionEvaluationResult
				.disabled("Skipped: no PostgreSQL here (set KAPTA_TEST_POSTGRES_URL, as .ci/run does)");
		}

	}

	/** The test server, and a fresh database on it for each test class. */
	public static final class Server {

		private Server() {
		}

		public static String url() {
			return System.getenv("KAPTA_TEST_POSTGRES_URL");
		}

		static String user() {
			return System.getenv().getOrDefault("KAPTA_TEST_POSTGRES_USER", "kapta");
		}

		static String password() {
			return System.getenv().getOrDefault("KAPTA_TEST_POSTGRES_PASSWORD", "");
		}

		/**
		 * The properties that point Kapta at a new, empty database for this test class
		 * (one left by an earlier run is dropped first).
		 */
		public static Map<String, String> freshDatabase(String testClass) {
			String name = databaseName("test_" + testClass);
			create(name, null);
			return properties(name);
		}

		/**
		 * A database name for this purpose, named after the user too: a database another
		 * user made cannot be dropped.
		 */
		public static String databaseName(String purpose) {
			return (user() + "_" + purpose).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
		}

		/**
		 * Makes the database {@code name} afresh: empty, or a copy of {@code template}.
		 */
		public static void create(String name, String template) {
			try (Connection admin = DriverManager.getConnection(url(), user(), password());
					Statement statement = admin.createStatement()) {
				// our own sessions ended first; a plain DROP then also ends an autovacuum
				// worker in it, where FORCE would fail for one (it is not our role's)
				statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name
						+ "' AND usename = current_user AND pid <> pg_backend_pid()");
				statement.execute("DROP DATABASE IF EXISTS " + name);
				statement.execute("CREATE DATABASE " + name + ((template != null) ? " TEMPLATE " + template : ""));
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Cannot make the test database " + name + ": " + ex.getMessage(), ex);
			}
		}

		/** The properties that point Kapta at the database {@code name}. */
		public static Map<String, String> properties(String name) {
			return Map.of("kapta.database.url", urlOf(name), "kapta.database.username", user(),
					"kapta.database.password", password());
		}

		/** The JDBC URL of the database {@code name} on the test server. */
		public static String urlOf(String name) {
			return url().substring(0, url().lastIndexOf('/') + 1) + name;
		}

	}

}
