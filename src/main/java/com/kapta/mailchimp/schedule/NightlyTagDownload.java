package com.kapta.mailchimp.schedule;

import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.tagdownload.DownloadLauncher;

/**
 * The service's nightly Download To Kapta, on {@code kapta.schedule.download-tags}. The
 * night is the date on the clock when the trigger fires.
 */
@Component
@Profile("service")
class NightlyTagDownload {

	private static final Logger log = LoggerFactory.getLogger(NightlyTagDownload.class);

	private final DownloadLauncher launcher;

	private final Clock clock;

	NightlyTagDownload(DownloadLauncher launcher, Clock clock) {
		this.launcher = launcher;
		this.clock = clock;
	}

	void run() {
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
