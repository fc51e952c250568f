package com.kapta.mailchimp.schedule;

import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.tagdownload.DownloadLauncher;

/**
 * The service's nightly Download To Kapta, on {@code kapta.schedule.download-tags}. The
 * night is the date on the clock when the trigger fires. With two instances, Quartz fires
 * it on one of them, and fires it again on another when that one dies mid-run (the job
 * requests recovery): the night's run, identified by its date, then resumes.
 */
@Component
@Profile("service")
class NightlyTagDownload implements ServiceTask {

	private static final Logger log = LoggerFactory.getLogger(NightlyTagDownload.class);

	private final DownloadLauncher launcher;

	private final Clock clock;

	NightlyTagDownload(DownloadLauncher launcher, Clock clock) {
		this.launcher = launcher;
		this.clock = clock;
	}

	/**
	 * Run now: a download of its own, as {@code ./run.sh download-tags} starts (the
	 * night's run may have completed already, and is left as it is).
	 */
	@Override
	public void runAsked() {
		try {
			JobExecution execution = this.launcher.launch(false);
			log.info("Tag download asked for now {}: {}", execution.getStatus(), RunSummary.lines(execution));
		}
		catch (RuntimeException ex) {
			log.warn("Tag download asked for now could not run: {}", ex.getMessage());
		}
	}

	@Override
	public void run(boolean recovering) {
		if (recovering) {
			log.info("Nightly tag download fired again: the instance that ran it is gone");
		}
		try {
			this.launcher.scheduled(LocalDate.now(this.clock))
				.ifPresent((execution) -> log.info("Nightly tag download {}: {}", execution.getStatus(),
						RunSummary.lines(execution)));
		}
		catch (RuntimeException ex) {
			log.warn("Nightly tag download could not run: {}", ex.getMessage());
		}
	}

}
