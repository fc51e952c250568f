package com.kapta.mailchimp.push;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.batch.JobRunner;
import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.contact.Outbox;
import com.kapta.mailchimp.settings.SettingsService;

/**
 * Launches the push for the command line, the contacts commands and the service's timer.
 */
@Component
public class PushLauncher {

	/** Where queued changes go later. */
	private static final String LATER = "'./run.sh push' or the service";

	private final Job push;

	private final JobRunner runner;

	private final SettingsService settings;

	private final Outbox outbox;

	PushLauncher(@Qualifier("push") Job push, JobRunner runner, SettingsService settings, Outbox outbox) {
		this.push = push;
		this.runner = runner;
		this.settings = settings;
		this.outbox = outbox;
	}

	/**
	 * Sends the changes waiting now. A push that was stopped or killed is resumed first
	 * (it keeps no position: what it had not marked sent simply still waits); otherwise
	 * each launch is a run of its own.
	 */
	public JobExecution launch() {
		this.settings.requireUsable();
		if (this.runner.wasInterrupted(this.push)) {
			return this.runner.restartLast(this.push);
		}
		return this.runner.run(this.push, new PushParameters(Instant.now()).toJobParameters());
	}

	/**
	 * Whether the integration is on and something waits: what the timer and the contacts
	 * commands ask first.
	 */
	public boolean worthRunning() {
		var current = this.settings.current();
		return current.enabled() && current.complete() && this.outbox.counts().pending() > 0;
	}

	/**
	 * After a contact edit: while the integration is on and something waits, the changes
	 * are sent right away. The edit itself is saved whatever happens here; what could not
	 * be sent stays queued for the next push. Says in one sentence what became of the
	 * changes; empty when nothing was sent.
	 */
	public Optional<String> sendAfterEdit() {
		if (!worthRunning()) {
			return Optional.empty();
		}
		try {
			JobExecution run = launch();
			if (run.getStatus() != BatchStatus.COMPLETED) {
				return Optional.of("Not all changes reached Mailchimp (push " + run.getStatus()
						+ "); they stay queued for the next push (" + LATER + ").");
			}
			Map<String, String> lines = RunSummary.lines(run);
			return Optional.of("Sent to Mailchimp: " + lines.getOrDefault("Added to Mailchimp", "0")
					+ " added, tags added " + lines.getOrDefault("Tags added", "0") + ", tags removed "
					+ lines.getOrDefault("Tags removed", "0") + ", failed "
					+ lines.getOrDefault("Failed for good (not sent again)", "0") + ".");
		}
		catch (KaptaException ex) {
			return Optional.of("Not sent to Mailchimp yet (" + ex.getMessage()
					+ "); the change stays queued for the next push (" + LATER + ").");
		}
	}

}
