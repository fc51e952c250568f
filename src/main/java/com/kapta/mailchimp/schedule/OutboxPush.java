package com.kapta.mailchimp.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.push.EditPushes;
import com.kapta.mailchimp.push.PushLauncher;

/**
 * The service's push of waiting Kapta changes, every {@code kapta.schedule.push} while
 * the integration is on: what edits could not send (Mailchimp was down, another push
 * ran). It shares the pushes after edits ({@link EditPushes}), so it never starts a
 * second push beside theirs; with two instances Quartz fires it on one of them, and the
 * push job's lock keeps any other process's push out.
 */
@Component
@Profile("service")
class OutboxPush implements ServiceTask {

	private static final Logger log = LoggerFactory.getLogger(OutboxPush.class);

	private final PushLauncher launcher;

	private final EditPushes pushes;

	OutboxPush(PushLauncher launcher, EditPushes pushes) {
		this.launcher = launcher;
		this.pushes = pushes;
	}

	@Override
	public void run(boolean recovering) {
		try {
			if (this.launcher.worthRunning()) {
				EditPushes.Outcome outcome = this.pushes.push().join();
				if (outcome.run() != null) {
					log.info("Push {}: {}", outcome.run().getStatus(), RunSummary.lines(outcome.run()));
				}
				else {
					log.warn("Push could not run (tried again in a while): {}", outcome.refusal());
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Push could not run (tried again in a while): {}", ex.getMessage());
		}
	}

}
