package com.kapta.mailchimp.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.KaptaJob;
import com.kapta.mailchimp.batch.BackgroundLaunches;
import com.kapta.mailchimp.batch.JobRunner;
import com.kapta.mailchimp.push.PushLauncher;
import com.kapta.mailchimp.settings.SettingsService;

/**
 * Restart from the console or the API: a run that failed or was stopped, resumed after
 * its last committed chunk, in the background; several, one after the other.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class Restarts {

	private static final Logger log = LoggerFactory.getLogger(Restarts.class);

	private final BackgroundLaunches launches;

	private final PushLauncher push;

	private final JobRunner runner;

	private final SettingsService settings;

	private final Map<String, Job> jobs;

	Restarts(BackgroundLaunches launches, PushLauncher push, JobRunner runner, SettingsService settings,
			List<Job> jobs) {
		this.launches = launches;
		this.push = push;
		this.runner = runner;
		this.settings = settings;
		this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, (job) -> job));
	}

	/**
	 * Restarts this very run after its last committed chunk, in the background; returns
	 * the new run once it exists. (It restarted the job's last run: an older failed
	 * import's Restart resumed the newest one.)
	 */
	public JobExecution restart(JobExecution run) {
		return this.launches.start(() -> restartThis(run));
	}

	/**
	 * Restarts each of these runs after its last committed chunk, one after the other in
	 * the background, each to its end before the next (the usual overlap rules hold);
	 * returns the first one's new run once it exists. A run that cannot be restarted (it
	 * was taken up since, the integration went off) is skipped, saying why in the log; if
	 * none can, the first refusal is the answer.
	 */
	public JobExecution restartEach(List<JobExecution> runs) {
		if (runs.isEmpty()) {
			throw new InvalidInputException("Choose the runs to restart");
		}
		return this.launches.start(() -> {
			JobExecution first = null;
			KaptaException refused = null;
			for (JobExecution run : runs) {
				try {
					JobExecution again = restartThis(run);
					first = (first != null) ? first : again;
				}
				catch (KaptaException ex) {
					log.warn("Run {} was not restarted: {}", run.getId(), ex.getMessage());
					refused = (refused != null) ? refused : ex;
				}
			}
			if (first == null) {
				throw refused;
			}
			return first;
		});
	}

	/** This very run resumed (a push, which keeps no position: a new one). */
	private JobExecution restartThis(JobExecution run) {
		String name = run.getJobInstance().getJobName();
		if (name.equals(KaptaJob.PUSH.jobName())) {
			return this.push.launch();
		}
		Job job = this.jobs.get(name);
		if (job == null || !offered(run)) {
			throw new InvalidInputException("Run " + run.getId() + " (" + name + ") is not one to restart");
		}
		this.settings.requireUsable();
		return this.runner.restart(job, run);
	}

	/** Whether the console offers Restart for this run. */
	public static boolean offered(JobExecution run) {
		return switch (run.getStatus()) {
			case FAILED, STOPPED ->
				KaptaJob.named(run.getJobInstance().getJobName()).map(KaptaJob::resumable).orElse(false);
			default -> false;
		};
	}

}
