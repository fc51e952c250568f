package com.kapta.mailchimp.schedule;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.batch.InterruptedRuns;

/**
 * On PostgreSQL, every {@code kapta.schedule.recovery-check} on one of the instances:
 * resumes the runs whose instance died (its job's lock went with its connection), so work
 * begun on a dead machine, from the schedule, the drop folder or the console, goes on
 * elsewhere.
 */
@Component
@Profile("service")
class OrphanedRuns implements ServiceTask {

	private final InterruptedRuns runs;

	OrphanedRuns(InterruptedRuns runs) {
		this.runs = runs;
	}

	@Override
	public void run(boolean recovering) {
		this.runs.resumeOrphaned();
	}

}
