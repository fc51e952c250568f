package com.kapta.mailchimp.contact;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.kapta.mailchimp.Texts;

/**
 * Kapta-side contact changes not yet sent to Mailchimp, in the order they happened. A
 * change is pending until the push marks it sent (after Mailchimp accepted it) or failed
 * (Mailchimp refused it for good).
 */
@Repository
public class Outbox {

	/** What changed. */
	public enum Change {

		CONTACT_ADDED, TAG_ADDED, TAG_REMOVED

	}

	/** A change to queue: a {@link Change#CONTACT_ADDED} has no tag. */
	public record Entry(long contactId, Change change, @Nullable String tag) {
	}

	/** A queued change still waiting. */
	public record Pending(long id, long contactId, Change change, String tag) {
	}

	/**
	 * What became of a contact's newest change: sent (or cancelled out), refused for good
	 * (with Mailchimp's words), or still waiting.
	 */
	public record Newest(boolean waiting, @Nullable String failure) {
	}

	/** How many changes wait, and how many Mailchimp refused for good. */
	public record Counts(long pending, long failed) {
	}

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	Outbox(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
	}

	/** Queues the changes, in their order, in the caller's transaction. */
	void queue(List<Entry> entries) {
		this.jdbcTemplate.batchUpdate("INSERT INTO outbox (contact_id, change_type, tag_name) VALUES (?, ?, ?)",
				entries, 1000, (ps, entry) -> {
					ps.setLong(1, entry.contactId());
					ps.setString(2, entry.change().name());
					ps.setString(3, entry.tag());
				});
	}

	/** Which of these contacts have a change still waiting to be sent. */
	public Set<Long> withPendingChanges(Collection<Long> contactIds) {
		return new HashSet<>(this.jdbc.sql("""
				SELECT DISTINCT o.contact_id FROM UNNEST(CAST(? AS BIGINT ARRAY)) AS u (id)
				JOIN outbox o ON o.contact_id = u.id WHERE o.sent_at IS NULL AND o.failed_at IS NULL""")
			.param(contactIds.toArray(Long[]::new))
			.query(Long.class)
			.list());
	}

	/**
	 * The newest change's id (0 when none): a push sends the changes up to it, later ones
	 * wait for the next.
	 */
	public long lastId() {
		return this.jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM outbox").query(Long.class).single();
	}

	/**
	 * The next contacts (by id, after {@code afterContactId}) with changes up to
	 * {@code upToId} waiting.
	 */
	public List<Long> contactsWithPending(long afterContactId, long upToId, int limit) {
		return this.jdbc.sql("""
				SELECT DISTINCT contact_id FROM outbox
				WHERE sent_at IS NULL AND failed_at IS NULL AND contact_id > ? AND id <= ?
				ORDER BY contact_id LIMIT ?""").params(afterContactId, upToId, limit).query(Long.class).list();
	}

	/**
	 * The waiting changes of these contacts, up to {@code upToId}, per contact in the
	 * order they happened.
	 */
	public Map<Long, List<Pending>> pendingOf(Collection<Long> contactIds, long upToId) {
		Map<Long, List<Pending>> pending = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT o.id, o.contact_id, o.change_type, o.tag_name FROM UNNEST(CAST(? AS BIGINT ARRAY)) AS u (id)
				JOIN outbox o ON o.contact_id = u.id
				WHERE o.sent_at IS NULL AND o.failed_at IS NULL AND o.id <= ? ORDER BY o.id""")
			.params(contactIds.toArray(Long[]::new), upToId)
			.query((rs) -> {
				long contactId = rs.getLong("contact_id");
				pending.computeIfAbsent(contactId, (id) -> new ArrayList<>())
					.add(new Pending(rs.getLong("id"), contactId, Change.valueOf(rs.getString("change_type")),
							rs.getString("tag_name")));
			});
		return pending;
	}

	/** The tags that waiting changes (up to {@code upToId}) give to contacts. */
	public List<String> tagsToAdd(long upToId) {
		return this.jdbc.sql("""
				SELECT DISTINCT tag_name FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL
				AND change_type = 'TAG_ADDED' AND id <= ?""").param(upToId).query(String.class).list();
	}

	/** Marks changes sent: Mailchimp accepted them (or they cancelled out). */
	public void markSent(Collection<Long> ids) {
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbcTemplate.batchUpdate("UPDATE outbox SET sent_at = ? WHERE id = ?", ids, 1000, (ps, id) -> {
			ps.setTimestamp(1, now);
			ps.setLong(2, id);
		});
	}

	/**
	 * Marks changes failed for good, with Mailchimp's reason: they are not sent again.
	 */
	public void markFailed(Map<Long, String> reasons) {
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbcTemplate.batchUpdate("UPDATE outbox SET failed_at = ?, failure_reason = ? WHERE id = ?",
				reasons.entrySet(), 1000, (ps, entry) -> {
					ps.setTimestamp(1, now);
					String reason = entry.getValue();
					ps.setString(2, Texts.truncate(reason, 1000));
					ps.setLong(3, entry.getKey());
				});
	}

	/** The state of the contact's newest change; empty when it has none. */
	public Optional<Newest> newestOf(long contactId) {
		return this.jdbc.sql("""
				SELECT sent_at, failed_at, failure_reason FROM outbox WHERE contact_id = ?
				ORDER BY id DESC LIMIT 1""")
			.param(contactId)
			.query((rs, n) -> new Newest(rs.getTimestamp("sent_at") == null && rs.getTimestamp("failed_at") == null,
					(rs.getTimestamp("failed_at") != null) ? rs.getString("failure_reason") : null))
			.optional();
	}

	public Counts counts() {
		return this.jdbc.sql("""
				SELECT COUNT(CASE WHEN sent_at IS NULL AND failed_at IS NULL THEN 1 END) AS pending,
				       COUNT(failed_at) AS failed FROM outbox""")
			.query((rs, n) -> new Counts(rs.getLong("pending"), rs.getLong("failed")))
			.single();
	}

}
