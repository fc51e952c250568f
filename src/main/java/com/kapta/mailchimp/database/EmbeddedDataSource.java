package com.kapta.mailchimp.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool, which also closes the database file cleanly when a one-shot
 * command that opened it ends (so the next process finds no lock and no log to replay).
 */
class EmbeddedDataSource extends HikariDataSource {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDataSource.class);

	private final boolean ownsFile;

	EmbeddedDataSource(String url, boolean ownsFile, String password) {
		setJdbcUrl(url);
		setUsername(DatabasePassword.USER);
		setPassword(password);
		this.ownsFile = ownsFile;
	}

	@Override
	public void close() {
		super.close();
		if (this.ownsFile) {
			try (Connection connection = DriverManager.getConnection(getJdbcUrl() + ";ifexists=true", getUsername(),
					getPassword()); Statement statement = connection.createStatement()) {
				statement.execute("SHUTDOWN");
			}
			catch (SQLException ex) {
				log.debug("Database already closed: {}", ex.getMessage());
			}
		}
	}

}
