package com.kapta.mailchimp.webhook;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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

	private static final int BATCH = 500;

	/** An event waiting to be applied. */
	record Waiting(long id, String type, @Nullable String email, @Nullable String newEmail) {
	}

	private final JdbcClient jdbc;

	private final Dialect dialect;

	private final Clock clock;

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate transactions;

	WebhookEvents(JdbcClient jdbc, JdbcTemplate jdbcTemplate, PlatformTransactionManager transactions, Dialect dialect,
			Clock clock) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.transactions = new TransactionTemplate(transactions);
		this.dialect = dialect;
		this.clock = clock;
	}

	/**
	 * Stores these events in one transaction, each once: what became of each, in order.
	 * An event of another audience than the one configured, or a body stored already (a
	 * retry, a replay, the same body twice in the batch), is not stored.
	 */
	List<WebhookInbox.Stored> storeAll(List<WebhookInbox.Arrival> arrivals) {
		return this.transactions.execute((status) -> {
			String audienceId = this.jdbc.sql("SELECT audience_id FROM integration_settings WHERE id = 1")
				.query(String.class)
				.optional()
				.orElse(null);
			List<String> keys = arrivals.stream().map((arrival) -> Sha256.hex(arrival.body())).toList();
			Set<String> seen = new HashSet<>(this.jdbc
				.sql("SELECT body_sha256 FROM webhook_event WHERE body_sha256 IN ("
						+ String.join(",", Collections.nCopies(keys.size(), "?")) + ")")
				.params(keys)
				.query(String.class)
				.list());
			List<WebhookInbox.Stored> outcomes = new ArrayList<>();
			List<Integer> fresh = new ArrayList<>();
			for (int i = 0; i < arrivals.size(); i++) {
				WebhookEvent event = arrivals.get(i).event();
				if (audienceId == null || !audienceId.equals(event.listId())) {
					outcomes.add(WebhookInbox.Stored.NOT_OURS);
				}
				else if (!seen.add(keys.get(i))) {
					outcomes.add(WebhookInbox.Stored.AGAIN);
				}
				else {
					outcomes.add(WebhookInbox.Stored.NEW);
					fresh.add(i);
				}
			}
			Timestamp now = Timestamp.from(this.clock.instant());
			// another instance may store the same body meanwhile: on PostgreSQL the row
			// stored first stays
			this.jdbcTemplate.batchUpdate(
					"""
							INSERT INTO webhook_event (body_sha256, received_at, event_type, fired_at, email, new_email, body)
							VALUES (?, ?, ?, ?, ?, ?, ?)"""
							+ ((this.dialect == Dialect.POSTGRESQL) ? " ON CONFLICT (body_sha256) DO NOTHING" : ""),
					fresh, BATCH, (ps, i) -> {
						WebhookEvent event = arrivals.get(i).event();
						ps.setString(1, keys.get(i));
						ps.setTimestamp(2, now);
						ps.setString(3, event.type());
						ps.setString(4, Texts.truncate(event.firedAt(), 30));
						ps.setString(5, Texts.truncate(event.email(), 254));
						ps.setString(6, Texts.truncate(event.newEmail(), 254));
						ps.setString(7, new String(arrivals.get(i).body(), StandardCharsets.UTF_8));
					});
			return outcomes;
		});
	}

	/** Up to {@code size} events waiting, in order of arrival. */
	List<Waiting> waiting(int size) {
		return this.jdbc.sql("""
				SELECT id, event_type, email, new_email FROM webhook_event
				WHERE applied_at IS NULL ORDER BY id LIMIT ?""")
			.param(size)
			.query((rs, row) -> new Waiting(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.list();
	}

	/**
	 * Of these events, those still waiting that no other transaction holds, locked until
	 * this transaction ends: the caller applies them, and no one else will.
	 */
	Set<Long> claim(Collection<Long> ids) {
		String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
		// found by their key, and the applied ones left out here: HSQLDB otherwise
		// walked every waiting event's index entry for each claim
		return Set.copyOf(this.jdbc
			.sql("SELECT id, applied_at FROM webhook_event WHERE id IN (" + in + ")"
					+ ((this.dialect == Dialect.POSTGRESQL) ? " FOR UPDATE SKIP LOCKED" : ""))
			.query((rs, row) -> (rs.getTimestamp(2) == null) ? rs.getLong(1) : null)
			.list()
			.stream()
			.filter(Objects::nonNull)
			.toList());
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
