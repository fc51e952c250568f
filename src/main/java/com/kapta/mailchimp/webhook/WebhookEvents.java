package com.kapta.mailchimp.webhook;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.kapta.mailchimp.Sha256;
import com.kapta.mailchimp.Texts;
import com.kapta.mailchimp.database.Dialect;

/**
 * The webhook events as they arrived, keyed by their body's SHA-256: a delivery stored
 * once is not stored again, however often Mailchimp retries or replays it. The worker
 * claims the ones it applies with {@code FOR UPDATE SKIP LOCKED} on PostgreSQL, so two
 * instances never apply one event twice; on the embedded database one service runs the
 * worker.
 */
@Repository
public class WebhookEvents {

	/** An event waiting to be applied. */
	record Waiting(long id, String type, @Nullable String email, @Nullable String newEmail, int attempts) {
	}

	private final JdbcClient jdbc;

	private final Dialect dialect;

	private final Clock clock;

	WebhookEvents(JdbcClient jdbc, Dialect dialect, Clock clock) {
		this.jdbc = jdbc;
		this.dialect = dialect;
		this.clock = clock;
	}

	/**
	 * Stores an event; false when one with the same body is stored already (a retry or a
	 * replay).
	 */
	boolean store(byte[] body, WebhookEvent event) {
		String key = Sha256.hex(body);
		try {
			int stored = this.jdbc.sql((this.dialect == Dialect.POSTGRESQL) ? """
					INSERT INTO webhook_event (body_sha256, received_at, event_type, fired_at, email, new_email, body)
					VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (body_sha256) DO NOTHING""" : """
					INSERT INTO webhook_event (body_sha256, received_at, event_type, fired_at, email, new_email, body)
					VALUES (?, ?, ?, ?, ?, ?, ?)""")
				.params(key, Timestamp.from(this.clock.instant()), event.type(), Texts.truncate(event.firedAt(), 30),
						Texts.truncate(event.email(), 254), Texts.truncate(event.newEmail(), 254),
						new String(body, StandardCharsets.UTF_8))
				.update();
			return stored == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** Up to {@code size} events waiting, in order of arrival. */
	List<Waiting> waiting(int size) {
		return this.jdbc.sql("""
				SELECT id, event_type, email, new_email, attempts FROM webhook_event
				WHERE applied_at IS NULL ORDER BY id LIMIT ?""")
			.param(size)
			.query((rs, row) -> new Waiting(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getInt(5)))
			.list();
	}

	/**
	 * Of these events, those still waiting that no other transaction holds, locked until
	 * this transaction ends: the caller applies them, and no one else will.
	 */
	Set<Long> claim(Collection<Long> ids) {
		String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
		return Set.copyOf(this.jdbc
			.sql("SELECT id FROM webhook_event WHERE id IN (" + in + ") AND applied_at IS NULL"
					+ ((this.dialect == Dialect.POSTGRESQL) ? " FOR UPDATE SKIP LOCKED" : ""))
			.query(Long.class)
			.list());
	}

	/** Marks these events applied, with what they did. */
	void applied(Collection<Long> ids, String outcome) {
		Timestamp now = Timestamp.from(this.clock.instant());
		for (long id : ids) {
			this.jdbc.sql("UPDATE webhook_event SET applied_at = ?, outcome = ? WHERE id = ?")
				.params(now, Texts.truncate(outcome, 1000), id)
				.update();
		}
	}

	/** Counts a failed attempt at these events; they stay waiting. */
	void failed(Collection<Long> ids, String error) {
		for (long id : ids) {
			this.jdbc.sql("UPDATE webhook_event SET attempts = attempts + 1, last_error = ? WHERE id = ?")
				.params(Texts.truncate(error, 1000), id)
				.update();
		}
	}

	/**
	 * Sets aside those of these events that failed {@code attempts} times: applied, with
	 * their last error as the outcome.
	 */
	void giveUp(Collection<Long> ids, int attempts) {
		Timestamp now = Timestamp.from(this.clock.instant());
		for (long id : ids) {
			this.jdbc.sql(
					"UPDATE webhook_event SET applied_at = ?, outcome = SUBSTRING('given up: ' || last_error FROM 1 FOR 1000)"
							+ " WHERE id = ? AND attempts >= ? AND applied_at IS NULL")
				.params(now, id, attempts)
				.update();
		}
	}

	/** What the Integrations page and the API show of the events. */
	record Counts(long receivedToday, long waiting, @Nullable Instant lastReceived, @Nullable String lastType) {
	}

	Counts counts(ZoneId zone) {
		Instant today = LocalDate.now(this.clock.withZone(zone)).atStartOfDay(zone).toInstant();
		long receivedToday = this.jdbc.sql("SELECT COUNT(*) FROM webhook_event WHERE received_at >= ?")
			.param(Timestamp.from(today))
			.query(Long.class)
			.single();
		long waiting = this.jdbc.sql("SELECT COUNT(*) FROM webhook_event WHERE applied_at IS NULL")
			.query(Long.class)
			.single();
		record Last(Instant at, String type) {
		}
		Last last = this.jdbc
			.sql("SELECT received_at, event_type FROM webhook_event WHERE id = (SELECT MAX(id) FROM webhook_event)")
			.query((rs, row) -> new Last(rs.getTimestamp(1).toInstant(), rs.getString(2)))
			.optional()
			.orElse(null);
		return new Counts(receivedToday, waiting, (last != null) ? last.at() : null,
				(last != null) ? last.type() : null);
	}

	/** Deletes the applied events received before {@code before}; returns how many. */
	public int prune(Instant before) {
		return this.jdbc.sql("DELETE FROM webhook_event WHERE applied_at IS NOT NULL AND received_at < ?")
			.param(Timestamp.from(before))
			.update();
	}

}
