package com.kapta.mailchimp.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.audit.AuditEvent;
import com.kapta.mailchimp.audit.AuditTrail;

/**
 * The service's triggers as an admin sees and changes them, from the console, the API and
 * {@code ./run.sh schedule}: pause, resume, run now, the nightly cron. What is chosen is
 * kept in {@code schedule_trigger}, so that it survives a restart and reaches every
 * instance; in the service the {@link ScheduleKeeper} applies it to Quartz at once, and
 * applies what another process chose within {@code kapta.schedule.control-check}.
 */
@Component
public class ScheduleTriggers {

	private static final Logger log = LoggerFactory.getLogger(ScheduleTriggers.class);

	/**
	 * A trigger as shown: when it fires ({@code every 10 s}, or the nightly cron as users
	 * write it), whether paused, when it last fired and fires next (as the service last
	 * wrote them down: none while paused), who changed it last.
	 */
	public record Trigger(ScheduledTask task, String when, boolean paused, @Nullable Instant lastFired,
			@Nullable Instant nextFire, @Nullable String changedBy, @Nullable Instant changedAt) {

		public String id() {
			return this.task.id();
		}

		public String label() {
			return this.task.label();
		}

		public boolean hasCron() {
			return this.task.hasCron();
		}

	}

	/** A trigger's row, as the keeper applies it. */
	record Row(ScheduledTask task, boolean paused, @Nullable String cron, boolean runAsked,
			@Nullable Instant nextFire) {
	}

	private static final String COLUMNS = "name, paused, cron, run_requested_at, last_fired_at, next_fire_at,"
			+ " changed_by, changed_at";

	private final JdbcClient jdbc;

	private final ScheduleProperties properties;

	private final Clock clock;

	private final ObjectProvider<ScheduleKeeper> keeper;

	private final AuditTrail audit;

	ScheduleTriggers(JdbcClient jdbc, ScheduleProperties properties, Clock clock, ObjectProvider<ScheduleKeeper> keeper,
			AuditTrail audit) {
		this.audit = audit;
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
		this.keeper = keeper;
	}

	public List<Trigger> list() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM schedule_trigger").query((rs, n) -> {
			ScheduledTask task = ScheduledTask.of(rs.getString("name"));
			return new Trigger(task, when(task, rs.getString("cron")), rs.getBoolean("paused"),
					instant(rs.getTimestamp("last_fired_at")), instant(rs.getTimestamp("next_fire_at")),
					rs.getString("changed_by"), instant(rs.getTimestamp("changed_at")));
		}).list().stream().sorted((a, b) -> a.task().compareTo(b.task())).toList();
	}

	public Trigger get(ScheduledTask task) {
		return list().stream().filter((trigger) -> trigger.task() == task).findFirst().orElseThrow();
	}

	/** Pauses a trigger for every instance until it is resumed; a restart keeps it so. */
	public void pause(ScheduledTask task, String who) {
		change(task, who, "paused = TRUE", null);
		this.audit.record(AuditEvent.SCHEDULE_CHANGED, task.label(), "paused");
	}

	/**
	 * Resumes a trigger from now on: a firing missed while paused is not made up (the
	 * admin paused it on purpose; Run now does it at once).
	 */
	public void resume(ScheduledTask task, String who) {
		change(task, who, "paused = FALSE", null);
		this.audit.record(AuditEvent.SCHEDULE_CHANGED, task.label(), "resumed");
	}

	/**
	 * Changes when the nightly download fires, applied without a restart; checked first
	 * as at start-up ({@link NightlyCron}).
	 */
	public void changeCron(ScheduledTask task, String cron, String who) {
		if (!task.hasCron()) {
			throw new InvalidInputException(task.label()
					+ " runs every so often, not on a cron: only the nightly download's cron can be changed here");
		}
		NightlyCron.quartz(cron);
		String chosen = cron.strip().replaceAll("\\s+", " ");
		change(task, who, "cron = ?", chosen);
		this.audit.record(AuditEvent.SCHEDULE_CHANGED, task.label(), "cron " + chosen);
	}

	/**
	 * Asks for a firing now, paused or not. In the service it fires at once; asked from a
	 * command, the service fires it within {@code kapta.schedule.control-check}
	 * ({@link #runTaken}).
	 */
	public void runNow(ScheduledTask task, String who) {
		log.info("{} asked to run now by {}", task.label(), who);
		this.jdbc.sql("UPDATE schedule_trigger SET run_requested_at = ? WHERE name = ?")
			.params(now(), task.id())
			.update();
		this.audit.record(AuditEvent.SCHEDULE_CHANGED, task.label(), "run now asked");
		applyHere();
	}

	/** Whether a service took the firing asked for (or it was never asked). */
	public boolean runTaken(ScheduledTask task) {
		return !row(task).runAsked();
	}

	/**
	 * Takes back a firing no service took; false if one took it meanwhile (it then
	 * fires).
	 */
	public boolean withdrawRun(ScheduledTask task) {
		return claimRun(task);
	}

	/** How often the service looks at this table. */
	public Duration controlCheck() {
		return this.properties.controlCheck();
	}

	List<Row> rows() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM schedule_trigger").query(ScheduleTriggers::read).list();
	}

	/**
	 * The task's row, locked until the transaction ends: a change to it waits for the
	 * look that applies it, and a look applies the row as last changed. Read before the
	 * transaction, another instance's pause could be seen in Quartz with the row still
	 * unpaused, and the look resumed it.
	 */
	Row locked(ScheduledTask task) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM schedule_trigger WHERE name = ? FOR UPDATE")
			.param(task.id())
			.query(ScheduleTriggers::read)
			.single();
	}

	private static Row read(ResultSet rs, int n) throws SQLException {
		return new Row(ScheduledTask.of(rs.getString("name")), rs.getBoolean("paused"), rs.getString("cron"),
				rs.getTimestamp("run_requested_at") != null, instant(rs.getTimestamp("next_fire_at")));
	}

	private Row row(ScheduledTask task) {
		return rows().stream().filter((row) -> row.task() == task).findFirst().orElseThrow();
	}

	/**
	 * Takes a firing asked for: true for the one process (of all instances and commands)
	 * whose update found it still asked.
	 */
	boolean claimRun(ScheduledTask task) {
		return this.jdbc
			.sql("UPDATE schedule_trigger SET run_requested_at = NULL WHERE name = ? AND run_requested_at IS NOT NULL")
			.param(task.id())
			.update() == 1;
	}

	void fired(ScheduledTask task, Instant at) {
		this.jdbc.sql("UPDATE schedule_trigger SET last_fired_at = ? WHERE name = ?")
			.params(Timestamp.from(at), task.id())
			.update();
	}

	void nextFire(ScheduledTask task, @Nullable Instant next) {
		this.jdbc.sql("UPDATE schedule_trigger SET next_fire_at = ? WHERE name = ?")
			.params((next != null) ? Timestamp.from(next) : null, task.id())
			.update();
	}

	/** The nightly cron in force: the one chosen in the schedule, else the setting's. */
	String cron(Row row) {
		return (row.cron() != null) ? row.cron() : this.properties.downloadTags();
	}

	private String when(ScheduledTask task, @Nullable String cron) {
		if (task.hasCron()) {
			return (cron != null) ? cron : this.properties.downloadTags();
		}
		return "every " + words(SchedulingConfiguration.interval(this.properties, task));
	}

	/**
	 * {@code 10 s}, {@code 1 min}, {@code 1 h}, {@code 200 ms}: an interval as the page
	 * says it.
	 */
	public static String words(Duration interval) {
		if (interval.toMillis() % 3_600_000 == 0) {
			return interval.toHours() + " h";
		}
		if (interval.toMillis() % 60_000 == 0) {
			return interval.toMinutes() + " min";
		}
		if (interval.toMillis() % 1000 == 0) {
			return interval.toSeconds() + " s";
		}
		return interval.toMillis() + " ms";
	}

	private void change(ScheduledTask task, String who, String set, @Nullable String value) {
		var sql = this.jdbc
			.sql("UPDATE schedule_trigger SET " + set + ", changed_by = ?, changed_at = ? WHERE name = ?");
		if (value != null) {
			sql = sql.param(value);
		}
		sql.param(who).param(now()).param(task.id()).update();
		applyHere();
	}

	/**
	 * In the service, applied to Quartz before the answer; elsewhere at its next look.
	 */
	private void applyHere() {
		this.keeper.ifAvailable(ScheduleKeeper::apply);
	}

	private Timestamp now() {
		return Timestamp.from(this.clock.instant());
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
