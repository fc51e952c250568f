package com.kapta.mailchimp.schedule;

import java.util.Map;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.kapta.mailchimp.audit.Actor;

/**
 * The one Quartz job class: it runs the {@link ServiceTask} bean its job names. Quartz
 * makes one of these per firing (through Spring, which injects the tasks), so the tasks
 * themselves stay singletons with their state. No two firings of one job overlap, across
 * the instances too when the store is clustered.
 */
@DisallowConcurrentExecution
class QuartzTask implements Job {

	private static final Logger log = LoggerFactory.getLogger(QuartzTask.class);

	/** The job data key naming the task bean. */
	static final String TASK = "task";

	/** The job data key of a firing an admin asked for (Run now). */
	static final String ASKED = "asked";

	private final Map<String, ServiceTask> tasks;

	QuartzTask(Map<String, ServiceTask> tasks) {
		this.tasks = tasks;
	}

	@Override
	public void execute(JobExecutionContext firing) throws JobExecutionException {
		ServiceTask task = this.tasks.get(firing.getMergedJobDataMap().getString(TASK));
		if (task == null) {
			// a task an earlier version stored in the clustered store and this one no
			// longer has
			log.info("Removing the scheduled job {}: this version has no such task", firing.getJobDetail().getKey());
			try {
				firing.getScheduler().deleteJob(firing.getJobDetail().getKey());
			}
			catch (SchedulerException ex) {
				throw new JobExecutionException(ex);
			}
			return;
		}
		// what the schedule fires is its doing (the folder watch names itself)
		if (firing.getMergedJobDataMap().getBooleanValue(ASKED)) {
			Actor.as(Actor.SCHEDULE, task::runAsked);
		}
		else {
			Actor.as(Actor.SCHEDULE, () -> task.run(firing.isRecovering()));
		}
	}

}
