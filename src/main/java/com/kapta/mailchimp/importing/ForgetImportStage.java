package com.kapta.mailchimp.importing;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Drops a run's staged sheet once the run completed, after its last transaction (a run
 * that failed or stopped keeps it: its restart needs it).
 */
class ForgetImportStage implements JobExecutionListener {

	private final ImportStage stage;

	ForgetImportStage(ImportStage stage) {
		this.stage = stage;
	}

	@Override
	public void afterJob(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			this.stage.forget(execution.getJobInstance().getInstanceId());
		}
	}

}
