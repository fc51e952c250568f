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
	 * does not know. (Rows of a contact alone name one whose tags differ.)
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

	TagMembers(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
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

	/**
	 * Notes each contact whose Kapta tags differ from what the lists hold: one on a list
	 * of a tag it lacks in Kapta, and one of the audience's members (archived ones aside:
	 * their pass gave them their tags) with a Kapta tag no list gave it. Two set-wise
	 * queries: comparing every listed contact one by one took most of a run.
	 */
	void noteDifferences(long run, String audienceId) {
		this.jdbc.update("""
				INSERT INTO download_tag_member (job_instance_id, contact_id)
				SELECT DISTINCT CAST(? AS BIGINT), s.contact_id FROM download_tag_member s
				JOIN audience_tag a ON a.audience_id = ? AND a.segment_id = s.tag_id
				WHERE s.job_instance_id = ? AND NOT EXISTS (SELECT 1 FROM contact_tag t
				    WHERE t.contact_id = s.contact_id AND t.tag_name = a.name)""", run, audienceId, run);
		this.jdbc.update("""
				INSERT INTO download_tag_member (job_instance_id, contact_id)
				SELECT DISTINCT CAST(? AS BIGINT), t.contact_id FROM contact_tag t
				JOIN audience_member m ON m.audience_id = ? AND m.contact_id = t.contact_id
				WHERE (m.status IS NULL OR m.status <> 'archived') AND NOT EXISTS (SELECT 1
				    FROM download_tag_member s JOIN audience_tag a ON a.audience_id = ? AND a.segment_id = s.tag_id
				    WHERE s.job_instance_id = ? AND s.contact_id = t.contact_id AND a.name = t.tag_name)""", run,
				audienceId, audienceId, run);
	}

	/**
	 * The next contacts noted as differing, after {@code after}, read down the key; at
	 * most {@code size}.
	 *
	 * @param ids the contacts, in order
	 * @param last whether no contact comes after them
	 */
	record Page(List<Long> ids, boolean last) {
	}

	Page differingAfter(long run, long after, int size) {
		List<Long> rows = this.jdbc.queryForList("""
				SELECT contact_id FROM download_tag_member WHERE job_instance_id = ? AND contact_id > ?
				AND tag_id IS NULL ORDER BY contact_id LIMIT ?""", Long.class, run, after, size);
		return new Page(List.copyOf(new TreeSet<>(rows)), rows.size() < size);
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
	 * failed run keeps them for its restart), the table is emptied at once: deleting a
	 * million rows one by one took seconds of the run.
	 */
	void remove(long run) {
		Integer others = this.jdbc.queryForObject("SELECT COUNT(*) FROM download_tag_member WHERE job_instance_id <> ?",
				Integer.class, run);
		if (others != null && others == 0) {
			this.jdbc.execute("TRUNCATE TABLE download_tag_member");
		}
		else {
			this.jdbc.update("DELETE FROM download_tag_member WHERE job_instance_id = ?", run);
		}
	}

}
