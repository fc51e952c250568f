package com.kapta.mailchimp.importing;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.kapta.mailchimp.EmailKey;

/**
 * The emails an import run has taken so far, each with the sheet row that had it first.
 * Kept in the database in the chunk's transaction, so that a repeated email is recognised
 * across chunks and restarts without holding a million addresses in memory.
 */
@Repository
class ImportedEmails {

	/** An email taken from a sheet row. */
	record Taken(String email, int sheetRow) {
	}

	/**
	 * Rows deleted per statement when a run is forgotten: a million at once would not fit
	 * in memory.
	 */
	private static final int FORGET_BATCH = 10_000;

	private final JdbcTemplate jdbc;

	ImportedEmails(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The row that first had each of these emails in this run, keyed by {@link EmailKey}.
	 */
	Map<String, Integer> firstRows(long jobInstanceId, Collection<String> emails) {
		Map<String, Integer> rows = new HashMap<>();
		this.jdbc.query("""
				SELECT r.email, r.sheet_row FROM UNNEST(CAST(? AS VARCHAR_IGNORECASE(254) ARRAY)) AS u (email)
				JOIN import_row r ON r.job_instance_id = ? AND r.email = u.email""", (rs) -> {
			rows.put(EmailKey.of(rs.getString(1)), rs.getInt(2));
		}, emails.toArray(String[]::new), jobInstanceId);
		return rows;
	}

	void record(long jobInstanceId, Collection<Taken> taken) {
		this.jdbc.batchUpdate("INSERT INTO import_row (job_instance_id, email, sheet_row) VALUES (?, ?, ?)", taken,
				1000, (ps, row) -> {
					ps.setLong(1, jobInstanceId);
					ps.setString(2, row.email());
					ps.setInt(3, row.sheetRow());
				});
	}

	/**
	 * Forgets a run's emails once it is over, outside any transaction and a batch per
	 * statement: HSQLDB keeps a transaction's undo in memory, and keeps deleted rows for
	 * as long as an older transaction is open, so a million rows deleted at once, or
	 * inside a step, would not fit in a small heap.
	 */
	void forget(long jobInstanceId) {
		while (true) {
			// the batch's last email by the key's order: each delete is a range of the
			// primary key
			List<String> last = this.jdbc.queryForList("""
					SELECT email FROM import_row WHERE job_instance_id = ? ORDER BY email LIMIT 1 OFFSET ?""",
					String.class, jobInstanceId, FORGET_BATCH - 1);
			if (last.isEmpty()) {
				this.jdbc.update("DELETE FROM import_row WHERE job_instance_id = ?", jobInstanceId);
				return;
			}
			this.jdbc.update("DELETE FROM import_row WHERE job_instance_id = ? AND email <= ?", jobInstanceId,
					last.get(0));
		}
	}

}
