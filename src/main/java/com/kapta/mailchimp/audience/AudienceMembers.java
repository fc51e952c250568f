package com.kapta.mailchimp.audience;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.kapta.mailchimp.database.Dialect;
import com.kapta.mailchimp.mailchimp.SubscriberHash;

/**
 * What Kapta knows of its contacts on the audience: member or not, status, when added and
 * last synced.
 */
@Repository
public class AudienceMembers {

	/**
	 * A contact Mailchimp has as a member.
	 *
	 * @param contactId Kapta's contact
	 * @param email its address (for the subscriber hash)
	 * @param status the member's status; missing when Mailchimp did not say
	 * @param addedByKapta whether Kapta just added it (then {@code added_at} is now)
	 */
	public record Membership(long contactId, String email, @Nullable String status, boolean addedByKapta) {
	}

	private final JdbcTemplate jdbc;

	private final Dialect dialect;

	AudienceMembers(JdbcTemplate jdbc, Dialect dialect) {
		this.jdbc = jdbc;
		this.dialect = dialect;
	}

	/** Those of these contacts that Kapta knows as members of the audience. */
	public Set<Long> membersAmong(String audienceId, Collection<Long> contactIds) {
		Set<Long> members = new HashSet<>();
		this.jdbc.query("""
				SELECT m.contact_id FROM UNNEST(CAST(? AS BIGINT ARRAY)) AS u (id)
				JOIN audience_member m ON m.audience_id = ? AND m.contact_id = u.id""", (rs) -> {
			members.add(rs.getLong(1));
		}, contactIds.toArray(Long[]::new), audienceId);
		return members;
	}

	/**
	 * The status Kapta knows of each of these contacts that is a member of the audience
	 * (null if not said).
	 */
	public Map<Long, String> statusesOf(String audienceId, Collection<Long> contactIds) {
		Map<Long, String> statuses = new HashMap<>();
		this.jdbc.query("""
				SELECT m.contact_id, m.status FROM UNNEST(CAST(? AS BIGINT ARRAY)) AS u (id)
				JOIN audience_member m ON m.audience_id = ? AND m.contact_id = u.id""", (rs) -> {
			statuses.put(rs.getLong(1), rs.getString(2));
		}, contactIds.toArray(Long[]::new), audienceId);
		return statuses;
	}

	/** The contact's address changed: its memberships' subscriber hash follows it. */
	public void rehash(long contactId, String email) {
		this.jdbc.update("UPDATE audience_member SET subscriber_hash = ? WHERE contact_id = ?",
				SubscriberHash.of(email), contactId);
	}

	/**
	 * Records memberships in one batched statement; a known member keeps its added date.
	 * {@code last_synced_at} is when Kapta last recorded the membership or a change of
	 * its status (a download skips unchanged members).
	 */
	public void record(String audienceId, List<Membership> memberships) {
		Timestamp now = Timestamp.from(Instant.now());
		String sql = (this.dialect == Dialect.HSQLDB)
				? """
						MERGE INTO audience_member m
						USING (VALUES (CAST(? AS VARCHAR(50)), CAST(? AS BIGINT), CAST(? AS CHAR(32)), CAST(? AS VARCHAR(20)),
						               CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE)))
						    AS v (audience_id, contact_id, subscriber_hash, status, added_at, synced_at)
						ON m.audience_id = v.audience_id AND m.contact_id = v.contact_id
						WHEN MATCHED THEN UPDATE SET status = COALESCE(v.status, m.status), last_synced_at = v.synced_at
						WHEN NOT MATCHED THEN INSERT (audience_id, contact_id, subscriber_hash, status, added_at, last_synced_at)
						    VALUES (v.audience_id, v.contact_id, v.subscriber_hash, v.status, v.added_at, v.synced_at)"""
				: """
						INSERT INTO audience_member (audience_id, contact_id, subscriber_hash, status, added_at, last_synced_at)
						VALUES (?, ?, ?, ?, ?, ?)
						ON CONFLICT (audience_id, contact_id) DO UPDATE
						SET status = COALESCE(EXCLUDED.status, audience_member.status), last_synced_at = EXCLUDED.last_synced_at""";
		this.jdbc.batchUpdate(sql, memberships, 500, (ps, membership) -> {
			ps.setString(1, audienceId);
			ps.setLong(2, membership.contactId());
			ps.setString(3, SubscriberHash.of(membership.email()));
			ps.setString(4, membership.status());
			ps.setTimestamp(5, membership.addedByKapta() ? now : null);
			ps.setTimestamp(6, now);
		});
	}

}
