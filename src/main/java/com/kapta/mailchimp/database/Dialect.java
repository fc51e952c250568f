package com.kapta.mailchimp.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

/**
 * What differs in the SQL our repositories write between the embedded HSQLDB file and a
 * PostgreSQL server. Emails, tags and user names compare ignoring case on both: HSQLDB's
 * {@code VARCHAR_IGNORECASE}, PostgreSQL's {@code citext}. Everything else the
 * repositories write is common SQL.
 */
public enum Dialect {

	HSQLDB("VARCHAR_IGNORECASE(254) ARRAY", "VARCHAR_IGNORECASE(100) ARRAY"),

	POSTGRESQL("CITEXT ARRAY", "CITEXT ARRAY");

	private final String emails;

	private final String tags;

	Dialect(String emails, String tags) {
		this.emails = emails;
		this.tags = tags;
	}

	/** The type to cast an array of emails to, so that they compare ignoring case. */
	public String emails() {
		return this.emails;
	}

	/** The type to cast an array of tag names to, likewise. */
	public String tags() {
		return this.tags;
	}

	/**
	 * One text of the values of {@code column} in the group, ordered ignoring case,
	 * separated by tabs.
	 */
	public String tabSeparated(String column) {
		return (this == HSQLDB) ? "GROUP_CONCAT(" + column + " ORDER BY LOWER(" + column + ") SEPARATOR '\t')"
				: "STRING_AGG(" + column + ", CHR(9) ORDER BY LOWER(" + column + "))";
	}

	/**
	 * Empties a table at once. On HSQLDB {@code AND COMMIT}: not undoable, so it keeps no
	 * copy of the rows (a plain TRUNCATE of a million rows ran a 256 MB heap out).
	 */
	public String truncate(String table) {
		return "TRUNCATE TABLE " + table + ((this == HSQLDB) ? " AND COMMIT" : "");
	}

	/**
	 * The vendor's name as Flyway's {@code {vendor}} folders and Spring Batch's schema
	 * scripts spell it.
	 */
	public String vendor() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The database behind this data source. */
	static Dialect of(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return of(connection);
		}
		catch (SQLException ex) {
			throw new DatabaseUnavailableException("Cannot reach the database: " + ex.getMessage(), ex);
		}
	}

	/** The database this connection is to. */
	public static Dialect of(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
		return product.contains("postgres") ? POSTGRESQL : HSQLDB;
	}

}
