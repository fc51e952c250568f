package com.kapta.mailchimp.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.Texts;

/**
 * The audit trail: every action that changes something, with who did it, from where, and
 * what. Written only by appending, in the transaction of the action when there is one (an
 * action that rolls back leaves no row); deleted only when older than
 * {@code kapta.audit.keep}. Nothing secret is ever passed in: callers say "replaced" of a
 * key, never its value.
 */
@Component
public class AuditTrail {

	private static final String COLUMNS = "id, occurred_at, actor, channel, address, event, subject, run_id, detail";

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditTrail(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Records an action of the actor in hand ({@link Actor#current()}). */
	public void record(AuditEvent event, @Nullable String subject, @Nullable String detail) {
		record(Actor.current(), event, subject, null, detail);
	}

	/** Records an action concerning a run (a job execution). */
	public void record(AuditEvent event, @Nullable String subject, long runId, @Nullable String detail) {
		record(Actor.current(), event, subject, runId, detail);
	}

	/** Records an action of this actor. */
	public void record(Actor actor, AuditEvent event, @Nullable String subject, @Nullable Long runId,
			@Nullable String detail) {
		this.jdbc
			.sql("INSERT INTO audit_event (occurred_at, actor, channel, address, event, subject, run_id, detail)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(Timestamp.from(this.clock.instant()), actor.who(), actor.channel().name(),
					Texts.truncate(actor.address(), 64), event.name(), Texts.truncate(subject, 300), runId,
					Texts.truncate(detail, 2000))
			.update();
	}

	/** A page of the actions the filter lets through, newest first. */
	public List<AuditEntry> find(AuditFilter filter, int size) {
		List<String> where = new ArrayList<>();
		List<Object> params = new ArrayList<>();
		if (filter.actor() != null) {
			where.add("LOWER(actor) = LOWER(?)");
			params.add(filter.actor().strip());
		}
		if (filter.event() != null) {
			where.add("event = ?");
			params.add(filter.event().name());
		}
		if (filter.from() != null) {
			where.add("occurred_at >= ?");
			params.add(Timestamp.from(filter.from()));
		}
		if (filter.until() != null) {
			where.add("occurred_at < ?");
			params.add(Timestamp.from(filter.until()));
		}
		if (filter.before() != null) {
			where.add("id < ?");
			params.add(filter.before());
		}
		params.add(size);
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM audit_event"
					+ (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY id DESC LIMIT ?")
			.params(params)
			.query(AuditTrail::entry)
			.list();
	}

	/**
	 * What was done to these runs (launched, restarted, stopped), oldest first: a run's
	 * page names who did it.
	 */
	public List<AuditEntry> ofRun(long runId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM audit_event WHERE run_id = ? ORDER BY id")
			.param(runId)
			.query(AuditTrail::entry)
			.list();
	}

	/** Deletes the actions recorded before {@code before}; returns how many. */
	public int prune(Instant before) {
		return this.jdbc.sql("DELETE FROM audit_event WHERE occurred_at < ?").param(Timestamp.from(before)).update();
	}

	private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
		return new AuditEntry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
				Actor.Channel.valueOf(rs.getString("channel")), rs.getString("address"),
				AuditEvent.valueOf(rs.getString("event")), rs.getString("subject"), rs.getObject("run_id", Long.class),
				rs.getString("detail"));
	}

}
