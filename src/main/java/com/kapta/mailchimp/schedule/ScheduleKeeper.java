package com.kapta.mailchimp.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.quartz.CronTrigger;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.JobListener;
import org.quartz.JobExecutionException;
import org.quartz.ScheduleBuilder;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.Trigger.TriggerState;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.schedule.ScheduleTriggers.Row;

/**
 * Keeps Quartz as {@code schedule_trigger} says: each trigger paused or not (Quartz's own
 * pause, which on PostgreSQL holds in the clustered store for every instance), on the
 * schedule configured or the nightly cron an admin chose, and fired once when a Run now
 * was asked (by whichever instance claims it first). It applies the table before the
 * scheduler starts (so a trigger paused before a restart never fires after it), at once
 * after a change made in this process, and every {@code kapta.schedule.control-check} for
 * changes made by a command or another instance; it writes down when each trigger fires
 * next and, as each firing starts, when it fired.
 */
@Component
@Profile("service")
class ScheduleKeeper implements SmartInitializingSingleton, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ScheduleKeeper.class);

	private final Scheduler scheduler;

	private final ScheduleTriggers triggers;

	private final ScheduleProperties properties;

	private final ScheduledExecutorService looks = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "schedule-keeper");
		thread.setDaemon(true);
		return thread;
	});

	private final TransactionTemplate transactions;

	/** Whether the last look could not apply the table. */
	private volatile boolean failing;

	ScheduleKeeper(Scheduler scheduler, ScheduleTriggers triggers, ScheduleProperties properties,
			PlatformTransactionManager transactionManager) {
		this.scheduler = scheduler;
		this.triggers = triggers;
		this.properties = properties;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	@Override
	public void afterSingletonsInstantiated() {
		try {
			this.scheduler.getListenerManager()
				.addJobListener(new FiringsNoted(), GroupMatcher.jobGroupEquals(SchedulingConfiguration.GROUP));
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Could not follow the schedule's firings", ex);
		}
		// before the scheduler starts: a task paused before a restart does not fire
		// after it (a database away now is tried again at the next look)
		applyQuietly();
		long every = this.properties.controlCheck().toMillis();
		this.looks.scheduleWithFixedDelay(this::applyQuietly, every, every, TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() {
		this.looks.shutdownNow();
	}

	/**
	 * Applies every trigger's row to Quartz, each in a transaction: on PostgreSQL,
	 * Quartz's row lock on its clustered store holds only within one (Spring's job store
	 * joins the transaction), so that two instances starting at once do not replace one
	 * trigger side by side.
	 */
	synchronized void apply() {
		for (Row listed : this.triggers.rows()) {
			this.transactions.executeWithoutResult((status) -> {
				Row row = this.triggers.locked(listed.task());
				try {
					apply(row);
				}
				catch (SchedulerException ex) {
					throw new KaptaException(
							"The schedule could not apply the change to " + row.task().label() + ": " + ex.getMessage(),
							ex);
				}
			});
		}
	}

	private void applyQuietly() {
		try {
			apply();
			this.failing = false;
		}
		catch (RuntimeException ex) {
			// the database away for a moment: the next look applies it (said once, not
			// at every look)
			if (!this.failing) {
				log.warn("Could not apply the schedule's changes now (tried again in a moment): {}", ex.getMessage());
			}
			this.failing = true;
		}
	}

	private void apply(Row row) throws SchedulerException {
		ScheduledTask task = row.task();
		TriggerKey key = TriggerKey.triggerKey(task.quartzName(), SchedulingConfiguration.GROUP);
		Trigger current = this.scheduler.getTrigger(key);
		if (current == null) {
			return;
		}
		boolean paused = this.scheduler.getTriggerState(key) == TriggerState.PAUSED;
		if (row.paused()) {
			// the schedule chosen meanwhile is applied when it is resumed
			if (!paused) {
				this.scheduler.pauseTrigger(key);
				log.info("{} paused", task.label());
			}
		}
		else if (paused || !sameSchedule(current, row)) {
			// resumed, or its schedule changed: from now on, without making up the
			// firings it missed while paused
			this.scheduler.rescheduleJob(key, SchedulingConfiguration.trigger(task, wanted(row)));
			log.info("{} fires {}", task.label(), describe(this.scheduler.getTrigger(key)));
		}
		if (row.runAsked() && this.triggers.claimRun(task)) {
			this.scheduler.triggerJob(JobKey.jobKey(task.quartzName(), SchedulingConfiguration.GROUP),
					new JobDataMap(Map.of(QuartzTask.ASKED, true)));
			log.info("{} fired now, as asked", task.label());
		}
		Trigger now = this.scheduler.getTrigger(key);
		Instant next = (row.paused() || now == null) ? null : instant(now.getNextFireTime());
		if (!Objects.equals(next, row.nextFire())) {
			this.triggers.nextFire(task, next);
		}
	}

	private static String describe(Trigger trigger) {
		return (trigger instanceof CronTrigger cron) ? "on " + cron.getCronExpression()
				: "every " + ScheduleTriggers.words(Duration.ofMillis(((SimpleTrigger) trigger).getRepeatInterval()));
	}

	private ScheduleBuilder<? extends Trigger> wanted(Row row) {
		if (row.task().hasCron()) {
			return SchedulingConfiguration.nightly(quartzCron(row));
		}
		return SchedulingConfiguration.every(SchedulingConfiguration.interval(this.properties, row.task()));
	}

	private boolean sameSchedule(Trigger current, Row row) {
		if (current instanceof CronTrigger cron) {
			return row.task().hasCron() && cron.getCronExpression().equals(quartzCron(row));
		}
		Duration interval = SchedulingConfiguration.interval(this.properties, row.task());
		return current instanceof SimpleTrigger simple && simple.getRepeatInterval() == interval.toMillis();
	}

	/**
	 * The nightly cron in force; one chosen that no longer fires (a date passed) falls
	 * back to the setting's.
	 */
	private String quartzCron(Row row) {
		try {
			return NightlyCron.quartz(this.triggers.cron(row));
		}
		catch (KaptaException ex) {
			log.warn("The nightly cron chosen in the schedule is no longer used: {}", ex.getMessage());
			return this.properties.downloadTagsCron();
		}
	}

	private static @Nullable Instant instant(@Nullable Date date) {
		return (date != null) ? date.toInstant() : null;
	}

	/** Writes down when each task fired, Run now included. */
	private final class FiringsNoted implements JobListener {

		@Override
		public String getName() {
			return "kapta-firings";
		}

		@Override
		public void jobToBeExecuted(JobExecutionContext firing) {
			try {
				ScheduledTask task = ScheduledTask.ofQuartz(firing.getJobDetail().getKey().getName());
				ScheduleKeeper.this.triggers.fired(task, firing.getFireTime().toInstant());
			}
			catch (RuntimeException ex) {
				log.debug("Could not note a firing: {}", ex.getMessage());
			}
		}

		@Override
		public void jobExecutionVetoed(JobExecutionContext firing) {
		}

		@Override
		public void jobWasExecuted(JobExecutionContext firing, @Nullable JobExecutionException failure) {
		}

	}

}
