package com.kapta.mailchimp.importing;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import com.kapta.mailchimp.Causes;

/**
 * Drops a run's staged sheet once the run completed, after its last transaction, or
 * failed on a file that cannot be read (a dry run finds where the sheet breaks off as it
 * stages it, and no restart reads past the break). A run that failed otherwise or stopped
 * keeps it: its restart needs it.
 */
class ForgetImportStage implements JobExecutionListener {

	private final ImportStage stage;

	ForgetImportStage(ImportStage stage) {
		this.stage = stage;
	}

	@Override
	public void afterJob(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.COMPLETED || execution.getAllFailureExceptions()
			.stream()
			.anyMatch((failure) -> Causes.find(failure, UnreadableFileException.class).isPresent())) {
			this.stage.forget(execution.getJobInstance().getInstanceId());
		}
	}

}
