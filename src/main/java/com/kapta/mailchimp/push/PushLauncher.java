package com.kapta.mailchimp.push;

import java.time.Instant;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.batch.JobRunner;
import com.kapta.mailchimp.batch.NewMemberParameter;
import com.kapta.mailchimp.contact.Outbox;
import com.kapta.mailchimp.settings.SettingsService;

/**
 * Launches the push: for {@code ./run.sh push}, and for {@link EditPushes}, through which
 * every edit and the service's timer push.
 */
@Component
public class PushLauncher {

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
	 * Sends the changes waiting now, for {@code ./run.sh push}: a push that was stopped
	 * or killed is resumed first (it keeps no position: what it had not marked sent
	 * simply still waits); otherwise each launch is a run of its own.
	 */
	public JobExecution launch() {
		this.settings.requireUsable();
		if (this.runner.wasInterrupted(this.push)) {
			return this.runner.restartLast(this.push);
		}
		return launchNew();
	}

	/**
	 * A push of its own, for {@link EditPushes}: never resumes or recovers an earlier one
	 * (a push that is still marked running, its owner alive or not, refuses it).
	 */
	JobExecution launchNew() {
		var usable = this.settings.requireUsable();
		return this.runner.run(this.push,
				NewMemberParameter.with(new PushParameters(Instant.now()).toJobParameters(), usable));
	}

	/**
	 * Whether the integration is on and something waits: what the timer and the contacts
	 * commands ask first.
	 */
	public boolean worthRunning() {
		return integrationOn() && this.outbox.counts().pending() > 0;
	}

	/** Whether the integration is on and its settings complete. */
	boolean integrationOn() {
		var current = this.settings.current();
		return current.enabled() && current.complete();
	}

}
