package com.kapta.mailchimp.schedule;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.batch.InterruptedRuns;

/**
 * Every {@code kapta.schedule.recovery-check} (on PostgreSQL on one of the instances):
 * resumes the runs whose process died, so that work begun on a dead machine or by a
 * killed command, from the schedule, the drop folder, the console or the command line,
 * goes on. The only place, with the service's start, where a run is recovered: it knows
 * each run's owner (its job's lock on PostgreSQL, its process id on the embedded file).
 */
@Component
@Profile("service")
class OrphanedRuns implements ServiceTask {

	private final InterruptedRuns runs;

	private final Retention retention;

	OrphanedRuns(InterruptedRuns runs, Retention retention) {
		this.runs = runs;
		this.retention = retention;
	}

	/**
	 * Also the service's daily upkeep: what the audit and the histories no longer keep.
	 */
	@Override
	public void run(boolean recovering) {
		this.runs.resumeOrphaned();
		this.retention.pruneIfDue();
	}

}
