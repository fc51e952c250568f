package com.kapta.mailchimp.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.sql.DataSource;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.ScheduleBuilder;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;

import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.transaction.PlatformTransactionManager;

import com.kapta.mailchimp.database.Dialect;

/**
 * The schedule runs in the service only (one-shot commands never start Quartz: its
 * auto-configuration is excluded outside the service profile). Quartz fires each
 * {@link ServiceTask}: nightly download, import poll, outbox push, and the check for runs
 * whose process died (another instance on PostgreSQL, a one-shot command killed beside
 * the service on either database). On the embedded file one service owns the database and
 * Quartz keeps its triggers in memory; on PostgreSQL they live in Quartz's clustered JDBC
 * store, so each firing happens on one instance, and the nightly download a dead instance
 * was running is fired again on a live one.
 */
@Configuration(proxyBeanMethods = false)
@Profile("service")
class SchedulingConfiguration {

	static final String GROUP = "kapta";

	@Bean
	SchedulerFactoryBeanCustomizer kaptaSchedule(ScheduleProperties schedule, Dialect dialect, DataSource dataSource,
			PlatformTransactionManager transactionManager) {
		return (factory) -> {
			boolean clustered = dialect == Dialect.POSTGRESQL;
			List<JobDetail> jobs = new ArrayList<>();
			List<Trigger> triggers = new ArrayList<>();
			for (ScheduledTask task : ScheduledTask.values()) {
				JobDetail job = JobBuilder.newJob(QuartzTask.class)
					.withIdentity(task.quartzName(), GROUP)
					.usingJobData(QuartzTask.TASK, task.quartzName())
					.storeDurably()
					.requestRecovery(task == ScheduledTask.DOWNLOAD_TAGS)
					.build();
				jobs.add(job);
				triggers.add(trigger(task,
						task.hasCron() ? nightly(schedule.downloadTagsCron()) : every(interval(schedule, task))));
			}
			if (clustered) {
				factory.setDataSource(dataSource);
				factory.setTransactionManager(transactionManager);
			}
			factory.setJobDetails(jobs.toArray(JobDetail[]::new));
			factory.setTriggers(triggers.toArray(Trigger[]::new));
			// what the clustered store holds is kept: a trigger an admin paused stays
			// paused through a restart (Quartz's own pause, for every instance); the
			// ScheduleKeeper then gives each trigger the schedule now configured or
			// chosen
			factory.setOverwriteExistingJobs(false);
			// no waiting for firings on shutdown: the JobRunner has already asked the
			// runs
			// to stop after their chunk and waited kapta.batch.stop-timeout for them; a
			// run stuck longer must not keep the process from ending
			factory.setWaitForJobsToCompleteOnShutdown(false);
			factory.setQuartzProperties(quartzProperties(clustered, schedule, jobs.size()));
		};
	}

	/** A task's trigger, named as its job. */
	static Trigger trigger(ScheduledTask task, ScheduleBuilder<? extends Trigger> when) {
		return TriggerBuilder.newTrigger()
			.withIdentity(task.quartzName(), GROUP)
			.forJob(task.quartzName(), GROUP)
			.withSchedule(when)
			.build();
	}

	/**
	 * The nightly download: a night missed while the service was down runs at its start.
	 */
	static CronScheduleBuilder nightly(String quartzCron) {
		return CronScheduleBuilder.cronSchedule(quartzCron).withMisfireHandlingInstructionFireAndProceed();
	}

	/**
	 * Every so often; a look missed while the last one ran long is skipped, not caught
	 * up.
	 */
	static SimpleScheduleBuilder every(Duration interval) {
		return SimpleScheduleBuilder.simpleSchedule()
			.withIntervalInMilliseconds(interval.toMillis())
			.repeatForever()
			.withMisfireHandlingInstructionNextWithRemainingCount();
	}

	static Duration interval(ScheduleProperties schedule, ScheduledTask task) {
		return switch (task) {
			case IMPORT_FOLDER -> schedule.importPoll();
			case PUSH -> schedule.push();
			case RECOVERY_CHECK -> schedule.recoveryCheck();
			case DOWNLOAD_TAGS -> throw new IllegalArgumentException("The nightly download runs on a cron");
		};
	}

	private static Properties quartzProperties(boolean clustered, ScheduleProperties schedule, int tasks) {
		Properties properties = new Properties();
		// one thread per task: a long nightly run never holds up the drop folder
		properties.setProperty("org.quartz.threadPool.threadCount", String.valueOf(tasks));
		properties.setProperty("org.quartz.scheduler.instanceId", "AUTO");
		properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
		if (clustered) {
			properties.setProperty("org.quartz.jobStore.isClustered", "true");
			properties.setProperty("org.quartz.jobStore.clusterCheckinInterval",
					String.valueOf(schedule.clusterCheckin().toMillis()));
			properties.setProperty("org.quartz.jobStore.driverDelegateClass", PostgreSQLDelegate.class.getName());
		}
		return properties;
	}

}
