package com.kapta.mailchimp.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Connections opened as the pool opens them but outside it, for what holds a connection
 * for as long as a run or the process lives (a job's lock, the Mailchimp connection
 * budget's slots). Taken from the pool, each would leave the chunks and the requests one
 * connection short, and a run would hold a pooled connection while it waits for another.
 */
final class OwnConnections {

	private OwnConnections() {
	}

	static Connection open(DataSource dataSource) throws SQLException {
		if (dataSource.isWrapperFor(HikariDataSource.class)) {
			HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
			Properties properties = new Properties();
			properties.putAll(pool.getDataSourceProperties());
			if (pool.getUsername() != null) {
				properties.setProperty("user", pool.getUsername());
			}
			if (pool.getPassword() != null) {
				properties.setProperty("password", pool.getPassword());
			}
			return DriverManager.getConnection(pool.getJdbcUrl(), properties);
		}
		return dataSource.getConnection();
	}

}
