package com.kapta.mailchimp.schedule;

import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.tagdownload.DownloadLauncher;

/** The service's nightly Download To Kapta, on {@code kapta.schedule.download-tags}. */
@Component
@Profile("service")
class NightlyTagDownload {

	private static final Logger log = LoggerFactory.getLogger(NightlyTagDownload.class);

	private final DownloadLauncher launcher;

	NightlyTagDownload(DownloadLauncher launcher) {
		this.launcher = launcher;
	}

	@Scheduled(cron = "${kapta.schedule.download-tags:0 0 2 * * *}")
	void run() {
		try {
			this.launcher.scheduled(LocalDate.now())
				.ifPresent((execution) -> log.info("Nightly tag download {}: {}", execution.getStatus(),
						RunSummary.lines(execution)));
		}
		catch (RuntimeException ex) {
			log.warn("Nightly tag download could not run: {}", ex.getMessage());
		}
	}

}
