package com.kapta.mailchimp.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * Resumes, in the background, runs that nothing will end otherwise: when the service
 * starts, those a stop or a crash interrupted; while it runs (on PostgreSQL, where
 * another instance may die), those whose owner died. Each resumes after its last
 * committed chunk; when two instances try at once, the job's lock lets one of them.
 */
@Component
public class InterruptedRuns {

	private static final Logger log = LoggerFactory.getLogger(InterruptedRuns.class);

	private final JobRunner runner;

	private final List<Job> jobs;

	private final BackgroundLaunches launches;

	InterruptedRuns(JobRunner runner, List<Job> jobs, BackgroundLaunches launches) {
		this.runner = runner;
		this.jobs = jobs;
		this.launches = launches;
	}

	/** Resumes every job whose last run was interrupted (stopped, or its owner gone). */
	public List<JobExecution> resumeInterrupted() {
		return resume(JobRunner::wasInterrupted);
	}

	/** Resumes every job whose last run's owner is gone. */
	public List<JobExecution> resumeOrphaned() {
		return resume(JobRunner::orphaned);
	}

	private List<JobExecution> resume(BiPredicate<JobRunner, Job> needsIt) {
		List<JobExecution> resumed = new ArrayList<>();
		for (Job job : this.jobs) {
			if (needsIt.test(this.runner, job)) {
				try {
					JobExecution run = this.launches.start(() -> this.runner.restartLast(job));
					log.info("Resuming the interrupted {} run (execution {})", job.getName(), run.getId());
					resumed.add(run);
				}
				catch (RuntimeException ex) {
					log.warn("Could not resume {}: {}", job.getName(), ex.getMessage());
				}
			}
		}
		return resumed;
	}

}
