package com.kapta.mailchimp.schedule;

import java.util.Map;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The one Quartz job class: it runs the {@link ServiceTask} bean its job names. Quartz
 * makes one of these per firing (through Spring, which injects the tasks), so the tasks
 * themselves stay singletons with their state. No two firings of one job overlap, across
 * the instances too when the store is clustered.
 */
@DisallowConcurrentExecution
class QuartzTask implements Job {

	/** The job data key naming the task bean. */
	static final String TASK = "task";

	private final Map<String, ServiceTask> tasks;

	QuartzTask(Map<String, ServiceTask> tasks) {
		this.tasks = tasks;
	}

	@Override
	public void execute(JobExecutionContext firing) {
		this.tasks.get(firing.getMergedJobDataMap().getString(TASK)).run(firing.isRecovering());
	}

}
