package com.kapta.mailchimp.database;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.InvalidInputException;

/**
 * Guards the commands that fill a database of their own (the demo, the bench): in a fresh
 * home the embedded file is new, but a PostgreSQL server named by
 * {@code kapta.database.url} may be a real installation's, which they must not touch.
 */
@Component
public class EmptyDatabase {

	private final JdbcTemplate jdbc;

	private final Dialect dialect;

	EmptyDatabase(JdbcTemplate jdbc, Dialect dialect) {
		this.jdbc = jdbc;
		this.dialect = dialect;
	}

	/**
	 * Refuses, in one sentence, a database that has contacts or job runs already.
	 * @param command what is refused, for the sentence
	 */
	public void require(String command) {
		Integer contacts = this.jdbc.queryForObject("SELECT COUNT(*) FROM contact", Integer.class);
		Integer runs = this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE", Integer.class);
		if ((contacts != null && contacts > 0) || (runs != null && runs > 0)) {
			// the URL is not repeated: it may carry credentials
			String database = (this.dialect == Dialect.POSTGRESQL)
					? "The PostgreSQL database named by kapta.database.url" : "The database in the data folder";
			throw new InvalidInputException(
					database + " already holds Kapta's data; " + command + " needs an empty one");
		}
	}

}
