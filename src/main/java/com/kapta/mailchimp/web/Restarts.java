package com.kapta.mailchimp.web;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.batch.BackgroundLaunches;
import com.kapta.mailchimp.importing.ImportLauncher;
import com.kapta.mailchimp.push.PushLauncher;
import com.kapta.mailchimp.tagdownload.DownloadLauncher;
import com.kapta.mailchimp.upload.UploadLauncher;

/**
 * Restart from the console or the API: a job's last run, if it failed or was stopped,
 * resumed after its last committed chunk by the job's own launcher, in the background.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class Restarts {

	private final BackgroundLaunches launches;

	private final UploadLauncher upload;

	private final DownloadLauncher download;

	private final ImportLauncher importer;

	private final PushLauncher push;

	Restarts(BackgroundLaunches launches, UploadLauncher upload, DownloadLauncher download, ImportLauncher importer,
			PushLauncher push) {
		this.launches = launches;
		this.upload = upload;
		this.download = download;
		this.importer = importer;
		this.push = push;
	}

	/** Restarts the last run of the job {@code run} belongs to; returns the new run. */
	public JobExecution restart(JobExecution run) {
		String job = run.getJobInstance().getJobName();
		return this.launches.start(switch (job) {
			case "upload" -> this.upload::restart;
			case "downloadTags" -> this.download::restart;
			case "import" -> this.importer::restart;
			// a push keeps no position: the next one resumes an interrupted run
			case "push" -> this.push::launch;
			default ->
				throw new InvalidInputException("A " + job + " run is not restarted but run again: start a new one");
		});
	}

	/** Whether the console offers Restart for this run. */
	public static boolean offered(JobExecution run) {
		return switch (run.getStatus()) {
			case FAILED, STOPPED -> !run.getJobInstance().getJobName().equals("export");
			default -> false;
		};
	}

}
