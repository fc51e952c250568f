package com.kapta.mailchimp.database;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tables that hold rows of one run until it ends (an import's staged sheet, what a
 * download read of its tags' lists), keyed first by the run's job instance. Usually only
 * one run's rows are there, and then the quickest way to forget them is to empty the
 * table: deleting costs HSQLDB about 25 µs a row, and a plain {@code TRUNCATE} keeps a
 * copy of the rows to undo it (a second for 150 000 rows, a 256 MB heap run out at a
 * million).
 */
@Component
public class RunRows {

	private final JdbcTemplate jdbc;

	private final Dialect dialect;

	RunRows(JdbcTemplate jdbc, Dialect dialect) {
		this.jdbc = jdbc;
		this.dialect = dialect;
	}

	/**
	 * Empties the tables when they hold no rows but the run's, and says whether it did (a
	 * failed run's rows, kept for its restart, leave them to the caller). On HSQLDB this
	 * commits the transaction it runs in and cannot be undone: only for a run that is
	 * over.
	 */
	public boolean emptyIfOnly(long run, String... tables) {
		for (String table : tables) {
			if (!onlyRun(table, run)) {
				return false;
			}
		}
		for (String table : tables) {
			this.jdbc.execute(this.dialect.truncate(table));
		}
		return true;
	}

	/**
	 * Whether the table holds no run's rows but this one's (MIN and MAX apart: each alone
	 * is read from the key's index).
	 */
	private boolean onlyRun(String table, long run) {
		Long first = this.jdbc.queryForObject("SELECT MIN(job_instance_id) FROM " + table, Long.class);
		Long last = this.jdbc.queryForObject("SELECT MAX(job_instance_id) FROM " + table, Long.class);
		return (first == null || first == run) && (last == null || last == run);
	}

}
