package com.kapta.mailchimp.importing;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.kapta.mailchimp.EmailKey;
import com.kapta.mailchimp.database.Dialect;
import com.kapta.mailchimp.database.RunRows;

/**
 * An import run's staged sheet: the emails it took, each with the sheet row that had it
 * first (a later row with the same email is skipped, across chunks and restarts, without
 * holding a million addresses in memory), and the tag changes the rows ask for. A dry run
 * stages nothing: it has nothing to send, and keeps its taken emails itself
 * ({@link SeenEmails}). Written in the staging chunks' transactions; read by the steps
 * that send, in pages by key (each {@code ORDER BY} names the whole key: HSQLDB then
 * walks the index and stops at the limit, where ordering by the email alone made it sort
 * the whole rest of the run's rows for every page).
 */
@Repository
class ImportStage {

	/**
	 * A row taken from the sheet; the names only when its contact is to join the
	 * audience.
	 */
	record Staged(String email, int sheetRow, @Nullable String firstName, @Nullable String lastName,
			boolean toSubscribe) {
	}

	/** A tag change a staged row asks for; {@code tag} is the audience's spelling. */
	record Asked(String email, String tag, boolean add) {
	}

	/** Rows deleted per statement when a run is forgotten. */
	private static final int FORGET_BATCH = 10_000;

	private final JdbcTemplate jdbc;

	private final Dialect dialect;

	private final RunRows runRows;

	ImportStage(JdbcTemplate jdbc, Dialect dialect, RunRows runRows) {
		this.jdbc = jdbc;
		this.dialect = dialect;
		this.runRows = runRows;
	}

	/**
	 * The row that first had each of these emails in this run, keyed by {@link EmailKey}.
	 */
	Map<String, Integer> firstRows(long run, Collection<String> emails) {
		Map<String, Integer> rows = new HashMap<>();
		this.jdbc.query("""
				SELECT r.email, r.sheet_row FROM UNNEST(CAST(? AS %s)) AS u (email)
				JOIN import_row r ON r.job_instance_id = ? AND r.email = u.email""".formatted(this.dialect.emails()),
				(rs) -> {
					rows.put(EmailKey.of(rs.getString(1)), rs.getInt(2));
				}, emails.toArray(String[]::new), run);
		return rows;
	}

	/** Whether this run staged rows already (its staging step is restarted). */
	boolean hasRows(long run) {
		return !this.jdbc
			.queryForList("SELECT email FROM import_row WHERE job_instance_id = ? LIMIT 1", String.class, run)
			.isEmpty();
	}

	/**
	 * Learns which of these emails (by {@link EmailKey}) Kapta has as contacts, with
	 * their ids, and which of those are members of the audience, in one pass over the
	 * keys (two look-ups through the same list cost HSQLDB a good part more).
	 */
	void contactsOf(String audienceId, Collection<String> emails, Map<String, Long> ids, Set<Long> members) {
		this.jdbc.query("""
				SELECT c.id, c.email, m.contact_id FROM UNNEST(CAST(? AS %s)) AS u (email)
				JOIN contact c ON c.email = u.email
				LEFT JOIN audience_member m ON m.audience_id = ? AND m.contact_id = c.id"""
			.formatted(this.dialect.emails()), (rs) -> {
				ids.put(EmailKey.of(rs.getString(2)), rs.getLong(1));
				if (rs.getObject(3) != null) {
					members.add(rs.getLong(1));
				}
			}, emails.toArray(String[]::new), audienceId);
	}

	void stage(long run, Collection<Staged> rows, Collection<Asked> changes) {
		this.jdbc.batchUpdate("""
				INSERT INTO import_row (job_instance_id, email, sheet_row, first_name, last_name, to_subscribe)
				VALUES (?, ?, ?, ?, ?, ?)""", rows, rows.size(), (ps, row) -> {
			ps.setLong(1, run);
			ps.setString(2, row.email());
			ps.setInt(3, row.sheetRow());
			ps.setString(4, row.firstName());
			ps.setString(5, row.lastName());
			ps.setBoolean(6, row.toSubscribe());
		});
		this.jdbc.batchUpdate(
				"INSERT INTO import_change (job_instance_id, tag_name, is_add, email) VALUES (?, ?, ?, ?)", changes,
				changes.size(), (ps, change) -> {
					ps.setLong(1, run);
					ps.setString(2, change.tag());
					ps.setBoolean(3, change.add());
					ps.setString(4, change.email());
				});
	}

	/** Marks rows Mailchimp refused: none of their tag changes is sent. */
	void reject(long run, Collection<String> emails) {
		this.jdbc.batchUpdate("UPDATE import_row SET rejected = TRUE WHERE job_instance_id = ? AND email = ?", emails,
				emails.size(), (ps, email) -> {
					ps.setLong(1, run);
					ps.setString(2, email);
				});
	}

	/** The first tag with changes after {@code after} ({@code ""}: the first of all). */
	@Nullable String nextTag(long run, String after) {
		return this.jdbc.queryForObject(
				"SELECT MIN(tag_name) FROM import_change WHERE job_instance_id = ? AND tag_name > ?", String.class, run,
				after);
	}

	/**
	 * Up to {@code limit} rows whose contact is to join the audience, after the email
	 * {@code after}, in key order.
	 */
	List<Staged> toSubscribe(long run, String after, int limit) {
		return this.jdbc.query("""
				SELECT email, sheet_row, first_name, last_name FROM import_row
				WHERE job_instance_id = ? AND email > ? AND to_subscribe
				ORDER BY job_instance_id, email LIMIT ?""",
				(rs, n) -> new Staged(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), true), run,
				after, limit);
	}

	/**
	 * Up to {@code limit} changes of one tag and kind after the email {@code after}, in
	 * key order, with their contact: those of rows Mailchimp refused are left out.
	 */
	List<StagedChange> changes(long run, String tag, boolean add, String after, int limit) {
		return this.jdbc.query("""
				SELECT c.email, r.sheet_row, k.id FROM import_change c
				JOIN import_row r ON r.job_instance_id = c.job_instance_id AND r.email = c.email
				JOIN contact k ON k.email = c.email
				WHERE c.job_instance_id = ? AND c.tag_name = ? AND c.is_add = ? AND c.email > ? AND NOT r.rejected
				ORDER BY c.job_instance_id, c.tag_name, c.is_add, c.email LIMIT ?""",
				(rs, n) -> new StagedChange(rs.getString(1), rs.getInt(2), rs.getLong(3), tag, add), run, tag, add,
				after, limit);
	}

	/**
	 * Forgets a run once it is over, outside any transaction. When its rows are the only
	 * ones staged (the usual case: one import runs at a time, and no failed run waits for
	 * its restart), both tables are emptied at once ({@link RunRows}). Otherwise the
	 * run's rows go a batch per statement: HSQLDB keeps a transaction's undo in memory,
	 * and keeps deleted rows for as long as an older transaction is open, so a million
	 * rows deleted at once, or inside a step, would not fit in a small heap.
	 */
	void forget(long run) {
		if (this.runRows.emptyIfOnly(run, "import_change", "import_row")) {
			return;
		}
		while (this.jdbc.update("""
				DELETE FROM import_change WHERE job_instance_id = ? AND (tag_name, is_add, email) IN
				    (SELECT tag_name, is_add, email FROM import_change WHERE job_instance_id = ?
				     ORDER BY job_instance_id, tag_name, is_add, email LIMIT ?)""", run, run, FORGET_BATCH) > 0) {
			// the next batch
		}
		while (this.jdbc.update("""
				DELETE FROM import_row WHERE job_instance_id = ? AND email IN
				    (SELECT email FROM import_row WHERE job_instance_id = ? ORDER BY job_instance_id, email LIMIT ?)""",
				run, run, FORGET_BATCH) > 0) {
			// the next batch
		}
	}

}
