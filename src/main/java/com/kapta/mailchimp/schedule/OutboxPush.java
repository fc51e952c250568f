package com.kapta.mailchimp.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.push.PushLauncher;

/**
 * The service's push of waiting Kapta changes, every {@code kapta.schedule.push} while
 * the integration is on. With two instances, one pushes at a time: Quartz fires this on
 * one of them, and the push job's lock keeps any other push (CLI, console) out.
 */
@Component
@Profile("service")
class OutboxPush implements ServiceTask {

	private static final Logger log = LoggerFactory.getLogger(OutboxPush.class);

	private final PushLauncher launcher;

	OutboxPush(PushLauncher launcher) {
		this.launcher = launcher;
	}

	@Override
	public void run(boolean recovering) {
		try {
			if (this.launcher.worthRunning()) {
				JobExecution run = this.launcher.launch();
				log.info("Push {}: {}", run.getStatus(), RunSummary.lines(run));
			}
		}
		catch (RuntimeException ex) {
			log.warn("Push could not run (tried again in a while): {}", ex.getMessage());
		}
	}

}
