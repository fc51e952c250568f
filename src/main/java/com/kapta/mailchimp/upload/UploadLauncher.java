package com.kapta.mailchimp.upload;

import java.time.Instant;
import java.util.List;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.batch.JobRunner;
import com.kapta.mailchimp.batch.NewMemberParameter;
import com.kapta.mailchimp.settings.SettingsService;

/** Launches Upload To Mailchimp for the command line and for Save and Synchronize. */
@Component
public class UploadLauncher {

	private final Job upload;

	private final JobRunner runner;

	private final SettingsService settings;

	UploadLauncher(@Qualifier("upload") Job upload, JobRunner runner, SettingsService settings) {
		this.upload = upload;
		this.runner = runner;
		this.settings = settings;
	}

	/** A new upload run; the tags go only to the members it creates. */
	public JobExecution launch(List<String> launchTags, boolean dryRun) {
		var usable = this.settings.requireUsable();
		return this.runner.run(this.upload, NewMemberParameter
			.with(new UploadParameters(launchTags, dryRun, Instant.now()).toJobParameters(), usable));
	}

	/** Resumes the last upload that did not complete. */
	public JobExecution restart() {
		this.settings.requireUsable();
		return this.runner.restartLast(this.upload);
	}

}
