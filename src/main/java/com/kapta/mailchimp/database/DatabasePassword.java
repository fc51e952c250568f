package com.kapta.mailchimp.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.kapta.mailchimp.SecretFiles;

/**
 * The embedded database's password. Its user once had none, and the service serves the
 * database on 127.0.0.1: any local account could read contacts and password hashes, make
 * itself an admin or shut the database down. The password is made at random when the
 * database is first opened, kept in {@code data/secrets/database-password} (its owner
 * only, beside the API key), and read by every process: the one that opens the file and
 * the commands that reach it through the service. A database made before gets one the
 * next time it is opened, with nothing else changed. A database that is not Kapta's
 * (tables, but no migration history) is left as it is: Flyway refuses it before anything
 * is written.
 */
final class DatabasePassword {

	private static final Logger log = LoggerFactory.getLogger(DatabasePassword.class);

	static final String USER = "SA";

	private final Path file;

	DatabasePassword(DatabaseFiles files) {
		this.file = files.dataDir().resolve("secrets").resolve("database-password");
	}

	/** The password the commands use to reach the service's server. */
	String forClients() {
		try {
			return Files.exists(this.file) ? Files.readString(this.file, StandardCharsets.US_ASCII).strip() : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the database password in " + this.file.getParent(), ex);
		}
	}

	/** A connection to the database file, and the password it signed in with. */
	record Opened(Connection connection, String password) implements AutoCloseable {

		@Override
		public void close() throws SQLException {
			this.connection.close();
		}

	}

	/**
	 * Opens the database file with its password, making one first when there is none (a
	 * new database gets it as it is created). Throws what HSQLDB throws when another
	 * process holds the file.
	 */
	Opened open(String fileUrl) throws SQLException {
		String password = forClients();
		if (password.isEmpty()) {
			password = make();
		}
		try {
			return new Opened(DriverManager.getConnection(fileUrl, USER, password), password);
		}
		catch (SQLException ex) {
			if (!refused(ex)) {
				throw ex;
			}
		}
		// a database made before the password: it still has none
		Connection connection = DriverManager.getConnection(fileUrl, USER, "");
		if (!isKaptas(connection)) {
			return new Opened(connection, "");
		}
		try (Statement statement = connection.createStatement()) {
			// our own random text (letters, digits, - and _): nothing to quote
			statement.execute("ALTER USER " + USER + " SET PASSWORD '" + password + "'");
		}
		log.info("The embedded database got a password (kept in {})", this.file.getParent());
		return new Opened(connection, password);
	}

	private String make() {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		try {
			SecretFiles.write(this.file, password);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot store the database password in " + this.file.getParent(), ex);
		}
		return password;
	}

	/** HSQLDB's "invalid authorization specification". */
	private static boolean refused(SQLException ex) {
		return ex.getSQLState() != null && ex.getSQLState().startsWith("28");
	}

	/** Kapta's (its migration history) or empty (Kapta is about to make it so). */
	private static boolean isKaptas(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet tables = statement.executeQuery(
						"SELECT COUNT(*)," + " COUNT(CASE WHEN LOWER(TABLE_NAME) = 'flyway_schema_history' THEN 1 END)"
								+ " FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
			return tables.next() && (tables.getInt(1) == 0 || tables.getInt(2) > 0);
		}
	}

}
