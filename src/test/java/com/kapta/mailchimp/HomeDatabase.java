package com.kapta.mailchimp;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The database of a Kapta home that no Kapta process holds, opened by a test to look into
 * it.
 */
public final class HomeDatabase {

	private HomeDatabase() {
	}

	/**
	 * Asks the home's database, then shuts it down: the next process to open it, in this
	 * JVM or another, opens the files afresh.
	 */
	public static <T> T ask(Path home, Function<JdbcTemplate, T> query) {
		String url = "jdbc:hsqldb:file:" + home.resolve("data").resolve("db").resolve("kapta") + ";ifexists=true";
		try (Connection connection = DriverManager.getConnection(url, "SA", "")) {
			JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
			T answer = query.apply(jdbc);
			jdbc.execute("SHUTDOWN");
			return answer;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
