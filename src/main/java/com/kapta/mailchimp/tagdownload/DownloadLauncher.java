package com.kapta.mailchimp.tagdownload;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.batch.JobRunner;
import com.kapta.mailchimp.settings.SettingsService;

/**
 * Launches Download To Kapta. A scheduled run is identified by its date alone, so a
 * service restarted the same night, or another instance of it, does not run it twice but
 * does resume a run that failed or whose instance died; a manual run is its own instance.
 */
@Component
public class DownloadLauncher {

	private final Job downloadTags;

	private final JobRunner runner;

	private final JobRepository jobRepository;

	private final SettingsService settings;

	DownloadLauncher(@Qualifier("downloadTags") Job downloadTags, JobRunner runner, JobRepository jobRepository,
			SettingsService settings) {
		this.downloadTags = downloadTags;
		this.runner = runner;
		this.jobRepository = jobRepository;
		this.settings = settings;
	}

	/** A manual run, reading Mailchimp the cheaper way. */
	public JobExecution launch(boolean dryRun) {
		return launch(dryRun, false);
	}

	/**
	 * A manual run; {@code full}: the full scan, whatever would be cheaper (the weekly
	 * safety net, at will).
	 */
	public JobExecution launch(boolean dryRun, boolean full) {
		this.settings.requireUsable();
		return this.runner.run(this.downloadTags,
				DownloadParameters.manual(dryRun, full, Instant.now()).toJobParameters());
	}

	/** Resumes the last download that did not complete. */
	public JobExecution restart() {
		this.settings.requireUsable();
		return this.runner.restartLast(this.downloadTags);
	}

	/**
	 * The night's scheduled run: started, or resumed if it failed; nothing if it already
	 * completed (or the integration is off).
	 */
	public Optional<JobExecution> scheduled(LocalDate night) {
		if (!this.settings.current().enabled() || !this.settings.current().complete()) {
			return Optional.empty();
		}
		JobParameters parameters = DownloadParameters.scheduled(night).toJobParameters();
		JobExecution last = this.jobRepository.getLastJobExecution(DownloadJobConfiguration.JOB, parameters);
		if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
			return Optional.empty();
		}
		return Optional.of(this.runner.runRecovered(this.downloadTags, parameters));
	}

}
