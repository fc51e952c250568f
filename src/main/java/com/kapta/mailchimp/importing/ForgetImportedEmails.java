package com.kapta.mailchimp.importing;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Drops a run's memory of the emails it took once the run completed, after its last
 * transaction (a run that failed or stopped keeps it: its restart needs it).
 */
class ForgetImportedEmails implements JobExecutionListener {

	private final ImportedEmails emails;

	ForgetImportedEmails(ImportedEmails emails) {
		this.emails = emails;
	}

	@Override
	public void afterJob(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			this.emails.forget(execution.getJobInstance().getInstanceId());
		}
	}

}
