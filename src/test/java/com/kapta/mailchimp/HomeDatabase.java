package com.kapta.mailchimp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The database of a Kapta home that no Kapta process holds, opened by a test to look into
 * it: the home's embedded file, or, for a home that names one (see {@link #onPostgres}),
 * its database on the test's PostgreSQL server.
 */
public final class HomeDatabase {

	/** Where a home names its PostgreSQL database (a test's file, not Kapta's). */
	private static final String NAME_FILE = "test-postgres-database";

	private HomeDatabase() {
	}

	/**
	 * Gives the home a new, empty PostgreSQL database of its own, or a copy of
	 * {@code template}'s (which no process may have open).
	 */
	public static void onPostgres(Path home, @Nullable Path template) {
		String name = OnPostgres.Server.databaseName(home.getParent().getFileName() + "_" + home.getFileName());
		OnPostgres.Server.create(name, (template != null) ? databaseName(template) : null);
		try {
			Files.createDirectories(home.resolve("data"));
			Files.writeString(home.resolve("data").resolve(NAME_FILE), name);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The properties that point Kapta at the home's database: none for the embedded file.
	 */
	public static Map<String, String> properties(Path home) {
		String name = databaseName(home);
		return (name == null) ? Map.of() : OnPostgres.Server.properties(name);
	}

	/**
	 * Cuts every connection to the home's PostgreSQL database, as a restart of the server
	 * does; how many there were.
	 */
	public static int cutConnections(Path home) {
		return ask(home, (jdbc) -> jdbc.queryForObject("""
				SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity
				WHERE datname = current_database() AND usename = current_user AND pid <> pg_backend_pid()""",
				Integer.class));
	}

	private static @Nullable String databaseName(Path home) {
		Path file = home.resolve("data").resolve(NAME_FILE);
		try {
			return Files.exists(file) ? Files.readString(file).strip() : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Asks the home's database, then shuts it down: the next process to open it, in this
	 * JVM or another, opens the files afresh.
	 */
	public static <T> T ask(Path home, Function<JdbcTemplate, T> query) {
		Map<String, String> server = properties(home);
		if (!server.isEmpty()) {
			try (Connection connection = DriverManager.getConnection(server.get("kapta.database.url"),
					server.get("kapta.database.username"), server.get("kapta.database.password"))) {
				return query.apply(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}
		String url = "jdbc:hsqldb:file:" + home.resolve("data").resolve("db").resolve("kapta") + ";ifexists=true";
		try (Connection connection = DriverManager.getConnection(url, "SA", password(home))) {
			JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
			T answer = query.apply(jdbc);
			jdbc.execute("SHUTDOWN");
			return answer;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The embedded database's password, which Kapta keeps in the home's secrets. */
	public static String password(Path home) {
		Path file = home.resolve("data").resolve("secrets").resolve("database-password");
		try {
			return Files.exists(file) ? Files.readString(file).strip() : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
