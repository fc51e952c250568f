package com.kapta.mailchimp.tagdownload;

import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.database.RunRows;

/**
 * What a tag-by-tag download read of each tag's members, kept in the database until its
 * run ends ({@code download_tag_member}): a restart reads on from where each tag's
 * reading stopped, so what was read before a kill must still be there. Only one download
 * runs at a time.
 */
@Component
class TagMembers {

	/**
	 * A row: a Kapta contact and one tag its member has, or the email of a member Kapta
	 * does not know.
	 */
	record Row(@Nullable Long contactId, @Nullable Long tagId, @Nullable String email) {

		static Row tagged(long contactId, long tagId) {
			return new Row(contactId, tagId, null);
		}

		static Row unknown(String email) {
			return new Row(null, null, email);
		}

	}

	private final JdbcTemplate jdbc;

	private final RunRows runRows;

	TagMembers(JdbcTemplate jdbc, RunRows runRows) {
		this.jdbc = jdbc;
		this.runRows = runRows;
	}

	void add(long run, List<Row> rows) {
		this.jdbc.batchUpdate(
				"INSERT INTO download_tag_member (job_instance_id, contact_id, tag_id, email) VALUES (?, ?, ?, ?)",
				rows, 1000, (ps, row) -> {
					ps.setLong(1, run);
					ps.setObject(2, row.contactId(), Types.BIGINT);
					ps.setObject(3, row.tagId(), Types.BIGINT);
					ps.setString(4, row.email());
				});
	}

	/** A contact on a tag's list. */
	record Listed(long contactId, long tagId) {
	}

	/**
	 * The run's listed contacts after {@code after}, read down the key in order of
	 * contact, at most {@code size} rows. The order names the whole key: HSQLDB then
	 * walks the index and stops at the limit (ordered by the contact alone, it sorted the
	 * rest of the run's rows for every read: 12 s of a million-member run).
	 */
	List<Listed> listedAfter(long run, long after, int size) {
		return this.jdbc.query("""
				SELECT contact_id, tag_id FROM download_tag_member
				WHERE job_instance_id = ? AND contact_id > ? AND tag_id IS NOT NULL
				ORDER BY job_instance_id, contact_id LIMIT ?""", (rs, n) -> new Listed(rs.getLong(1), rs.getLong(2)),
				run, after, size);
	}

	/** The tags each of these contacts' members has, by tag id. */
	Map<Long, Set<Long>> tagIdsOf(long run, Collection<Long> contactIds) {
		Map<Long, Set<Long>> tags = new HashMap<>();
		this.jdbc.query("""
				SELECT s.contact_id, s.tag_id FROM UNNEST(CAST(? AS BIGINT ARRAY)) AS u (id)
				JOIN download_tag_member s ON s.job_instance_id = ? AND s.contact_id = u.id
				WHERE s.tag_id IS NOT NULL""", (rs) -> {
			tags.computeIfAbsent(rs.getLong(1), (id) -> new HashSet<>()).add(rs.getLong(2));
		}, contactIds.toArray(Long[]::new), run);
		return tags;
	}

	/** Each member Kapta does not know, once, in order of its email. */
	void forEachUnknown(long run, Consumer<String> action) {
		this.jdbc.query("""
				SELECT DISTINCT email FROM download_tag_member
				WHERE job_instance_id = ? AND contact_id IS NULL AND email IS NOT NULL ORDER BY email""", (rs) -> {
			action.accept(rs.getString(1));
		}, run);
	}

	/**
	 * Forgets what completed or abandoned runs read (one killed before its end left it):
	 * a run that failed keeps its rows, as a restart needs them.
	 */
	int removeEnded() {
		return this.jdbc.update("""
				DELETE FROM download_tag_member WHERE job_instance_id IN (SELECT JOB_INSTANCE_ID
				FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('COMPLETED', 'ABANDONED'))""");
	}

	/**
	 * Forgets what the run read: it has ended. When no other run's rows are there (a
	 * failed run keeps them for its restart), the table is emptied at once
	 * ({@link RunRows}).
	 */
	void remove(long run) {
		if (!this.runRows.emptyIfOnly(run, "download_tag_member")) {
			this.jdbc.update("DELETE FROM download_tag_member WHERE job_instance_id = ?", run);
		}
	}

}
