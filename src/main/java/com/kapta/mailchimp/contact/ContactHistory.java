package com.kapta.mailchimp.contact;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.kapta.mailchimp.KaptaJob;
import com.kapta.mailchimp.Texts;
import com.kapta.mailchimp.audit.Actor;

/**
 * Each contact's history: every change Kapta makes to its Mailchimp tags, status or
 * email, with what made it (a run: job and execution id; or a person) and why. Written in
 * the transaction of the change it describes, so a rolled-back chunk leaves no row and a
 * committed change never lacks its own; only appended, and deleted when older than
 * {@code kapta.history.keep}.
 */
@Component
public class ContactHistory {

	/** What changed. */
	public enum Kind {

		CREATED, TAG_ADDED, TAG_REMOVED, STATUS, EMAIL

	}

	/**
	 * What made a change: a run (its job's name and execution id) or a person (actor).
	 */
	public record Source(@Nullable String jobName, @Nullable Long runId, @Nullable String actor) {

		public static Source run(String jobName, long runId) {
			return new Source(jobName, runId, null);
		}

		/** The actor in hand: "admin (console)". */
		public static Source person() {
			Actor actor = Actor.current();
			return new Source(null, null, Texts.truncate(actor.who() + " (" + actor.channel().word() + ")", 100));
		}

	}

	/**
	 * One change of a contact.
	 *
	 * @param value the tag, the new status or the new email
	 * @param previous the status or email before (none for a tag)
	 * @param reason why, in words ("by hand"); none for a run's change, which its job
	 * explains ({@link #runReason}): not stored a million times a night
	 */
	public record Change(long contactId, Kind kind, @Nullable String value, @Nullable String previous,
			@Nullable String reason) {

		/** A tag's change; {@code reason} none for a run's (its job says why). */
		public static Change tag(long contactId, String tag, boolean added, @Nullable String reason) {
			return new Change(contactId, added ? Kind.TAG_ADDED : Kind.TAG_REMOVED, tag, null, reason);
		}

	}

	/** A recorded change, as a contact's page and the API show it. */
	public record Entry(long id, Instant at, Kind kind, @Nullable String value, @Nullable String previous,
			@Nullable String jobName, @Nullable Long runId, @Nullable String actor, @Nullable String reason) {

		public Entry {
			if (reason == null && jobName != null) {
				reason = runReason(jobName, kind);
			}
		}

		/** What changed, in words: "tag Champion removed". */
		public String what() {
			return switch (this.kind) {
				case CREATED -> "contact created";
				case TAG_ADDED -> "tag " + this.value + " added";
				case TAG_REMOVED -> "tag " + this.value + " removed";
				case STATUS ->
					"Mailchimp status " + ((this.previous != null) ? this.previous : "none") + " → " + this.value;
				case EMAIL -> "email " + this.previous + " → " + this.value;
			};
		}

		/**
		 * Who or what made it: "Download To Kapta (run 812)", with the job named as
		 * {@code jobLabel} names it; or "admin (console)".
		 */
		public String by(Function<String, String> jobLabel) {
			if (this.jobName != null) {
				return jobLabel.apply(this.jobName) + ((this.runId != null) ? " (run " + this.runId + ")" : "");
			}
			return (this.actor != null) ? this.actor : "unknown";
		}

		/**
		 * The whole line: "Download To Kapta (run 812): tag Champion removed — removed on
		 * Mailchimp".
		 */
		public String text(Function<String, String> jobLabel) {
			return by(jobLabel) + ": " + what() + ((this.reason != null) ? " — " + this.reason : "");
		}

	}

	/** Why a run of this job changes a contact so: "removed on Mailchimp". */
	static String runReason(String jobName, Kind kind) {
		return KaptaJob.named(jobName).map((job) -> switch (job) {
			case DOWNLOAD_TAGS -> (kind == Kind.TAG_REMOVED) ? "removed on Mailchimp" : "on Mailchimp";
			case IMPORT -> (kind == Kind.TAG_REMOVED) ? "removed in the imported file"
					: (kind == Kind.STATUS) ? "subscribed by the import" : "in the imported file";
			case UPLOAD -> (kind == Kind.STATUS) ? "added to the audience" : "chosen for the upload";
			case PUSH -> "added to the audience with Kapta's changes";
			case EXPORT -> "by " + jobName;
		}).orElse("by " + jobName);
	}

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	private final Clock clock;

	/**
	 * Whether changes are recorded: {@code kapta.history.enabled}, which only the
	 * history's benchmark turns off for a while, to measure what it costs.
	 */
	private final AtomicBoolean recording;

	ContactHistory(JdbcTemplate jdbcTemplate, JdbcClient jdbc, Clock clock, HistoryProperties properties) {
		this.jdbcTemplate = jdbcTemplate;
		this.jdbc = jdbc;
		this.clock = clock;
		this.recording = new AtomicBoolean(properties.enabled());
	}

	/** Turns recording on or off ({@link #recording}). */
	public void recording(boolean on) {
		this.recording.set(on);
	}

	/** Records these changes, all made by {@code source}, in one batched statement. */
	public void record(Source source, Collection<Change> changes) {
		if (changes.isEmpty() || !this.recording.get()) {
			return;
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbcTemplate.batchUpdate("""
				INSERT INTO contact_history (contact_id, changed_at, kind, new_value, old_value, job_name, run_id,
				                             actor, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", changes, 1000,
				(ps, change) -> {
					ps.setLong(1, change.contactId());
					ps.setTimestamp(2, now);
					ps.setString(3, change.kind().name());
					ps.setString(4, Texts.truncate(change.value(), 254));
					ps.setString(5, Texts.truncate(change.previous(), 254));
					ps.setString(6, source.jobName());
					if (source.runId() != null) {
						ps.setLong(7, source.runId());
					}
					else {
						ps.setNull(7, Types.BIGINT);
					}
					ps.setString(8, source.actor());
					ps.setString(9, Texts.truncate(change.reason(), 300));
				});
	}

	/**
	 * A page of the contact's history, newest first: the changes before {@code before}.
	 */
	public List<Entry> of(long contactId, @Nullable Long before, int size) {
		return this.jdbc.sql("""
				SELECT id, changed_at, kind, new_value, old_value, job_name, run_id, actor, reason
				FROM contact_history WHERE contact_id = ? AND id < ? ORDER BY id DESC LIMIT ?""")
			.params(contactId, (before != null) ? before : Long.MAX_VALUE, size)
			.query(ContactHistory::entry)
			.list();
	}

	/** A change with its contact's email, as the export's History sheet lists it. */
	public record Row(String email, Entry entry) {
	}

	/**
	 * Every recorded change, oldest first, with its contact's email; streamed, for the
	 * export's History sheet.
	 */
	@Transactional(readOnly = true)
	public void forEach(Consumer<Row> action) {
		this.jdbc.sql("""
				SELECT c.email, h.id, h.changed_at, h.kind, h.new_value, h.old_value, h.job_name, h.run_id, h.actor,
				       h.reason
				FROM contact_history h JOIN contact c ON c.id = h.contact_id ORDER BY h.id""")
			.withFetchSize(1000)
			.query((rs) -> {
				action.accept(new Row(rs.getString("email"), entry(rs, 0)));
			});
	}

	/** Deletes the changes recorded before {@code before}; returns how many. */
	public int prune(Instant before) {
		return this.jdbc.sql("DELETE FROM contact_history WHERE changed_at < ?").param(Timestamp.from(before)).update();
	}

	private static Entry entry(ResultSet rs, int row) throws SQLException {
		return new Entry(rs.getLong("id"), rs.getTimestamp("changed_at").toInstant(),
				Kind.valueOf(rs.getString("kind")), rs.getString("new_value"), rs.getString("old_value"),
				rs.getString("job_name"), rs.getObject("run_id", Long.class), rs.getString("actor"),
				rs.getString("reason"));
	}

}
