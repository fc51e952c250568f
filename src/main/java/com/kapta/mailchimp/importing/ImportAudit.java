package com.kapta.mailchimp.importing;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

import com.kapta.mailchimp.audit.AuditEvent;
import com.kapta.mailchimp.audit.AuditTrail;
import com.kapta.mailchimp.batch.JobRunner;

/**
 * Records in the audit trail which file an import takes in, by its name and its content's
 * SHA-256, as its run starts: once per file (a restart goes on with the same file), never
 * for a dry run, which changes nothing.
 */
class ImportAudit implements JobExecutionListener {

	private final AuditTrail audit;

	private final JobRepository jobRepository;

	ImportAudit(AuditTrail audit, JobRepository jobRepository) {
		this.audit = audit;
		this.jobRepository = jobRepository;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		ImportParameters parameters = ImportParameters.of(execution.getJobParameters());
		if (!parameters.dryRun() && !JobRunner.isRestart(this.jobRepository, execution)) {
			this.audit.record(AuditEvent.FILE_IMPORTED, parameters.name(), execution.getId(),
					"SHA-256 " + parameters.sha256());
		}
	}

}
