package com.kapta.mailchimp.importing;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.NoSuchStepException;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import com.kapta.mailchimp.audience.AudienceMembers;
import com.kapta.mailchimp.audience.AudienceResolver;
import com.kapta.mailchimp.audience.AudienceTags;
import com.kapta.mailchimp.audience.DoNotSubscribe;
import com.kapta.mailchimp.batch.ChunkLedger;
import com.kapta.mailchimp.batch.JobSessions;
import com.kapta.mailchimp.batch.JobSizes;
import com.kapta.mailchimp.batch.RunOutcomes;
import com.kapta.mailchimp.batch.RunParameters;
import com.kapta.mailchimp.batch.RunReport;
import com.kapta.mailchimp.batch.StepRestarts;
import com.kapta.mailchimp.batch.TaskletSteps;
import com.kapta.mailchimp.contact.ContactRepository;
import com.kapta.mailchimp.mailchimp.MailchimpProperties;
import com.kapta.mailchimp.settings.SettingsService;

/**
 * Import Mailchimp Contacts and Tags: read the whole file once and refresh the audience's
 * tags, then apply its rows a chunk at a time (one bulk call per kind of change), then
 * report. The file moves along the drop folder's sub-folders as the run starts and ends.
 */
@Configuration(proxyBeanMethods = false)
class ImportJobConfiguration {

	static final String JOB = "import";

	@Bean
	Job importJob(JobRepository jobRepository, Step importPrepare, Step importRows, Step importReport,
			ImportFolder folder, ImportedEmails emails) {
		return new JobBuilder(JOB, jobRepository).listener(new ImportFileMover(folder))
			.listener(new ForgetImportedEmails(emails))
			.start(importPrepare)
			.next(importRows)
			.next(importReport)
			.build();
	}

	@Bean
	Step importPrepare(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ImportPreparation importPreparation) {
		return TaskletSteps.step("importPrepare", jobRepository, transactionManager, importPreparation);
	}

	@Bean
	Step importRows(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ImportRowReader importRowReader, ImportWriter importWriter) {
		return new StepBuilder("importRows", jobRepository).<ImportRow, ImportRow>chunk(JobSizes.BULK_CHUNK)
			.transactionManager(transactionManager)
			.reader(importRowReader)
			.writer(importWriter)
			.build();
	}

	@Bean
	Step importReport(JobRepository jobRepository, PlatformTransactionManager transactionManager, RunReport report,
			ImportReport importReportContent) {
		return report.step("importReport", jobRepository, transactionManager, importReportContent);
	}

	@Bean
	@RunParameters
	ImportParameters importParameters(@Value("#{stepExecution}") StepExecution stepExecution) {
		return ImportParameters.of(stepExecution.getJobParameters());
	}

	@Bean
	@JobScope
	ImportPreparation importPreparation(JobSessions sessions, AudienceResolver audience, ImportProperties properties,
			ImportParameters parameters) {
		return new ImportPreparation(parameters.file(), properties.maxSharedStrings().toBytes(), sessions, audience);
	}

	@Bean
	@StepScope
	ImportRowReader importRowReader(ImportProperties properties, ImportParameters parameters) {
		return new ImportRowReader(parameters.file(), properties.maxSharedStrings().toBytes());
	}

	@Bean
	@StepScope
	ImportWriter importWriter(JobSessions sessions, SettingsService settings, AudienceTags audienceTags,
			MailchimpProperties mailchimp, JobSizes sizes, ImportProperties properties, ContactRepository contacts,
			AudienceMembers members, DoNotSubscribe doNotSubscribe, ImportedEmails emails, RunOutcomes outcomes,
			ChunkLedger.Keeper ledgers, JobRepository jobRepository,
			@Value("#{stepExecution}") StepExecution stepExecution, ImportParameters parameters)
			throws NoSuchStepException {
		JobExecution job = stepExecution.getJobExecution();
		String signupStamp = parameters.signupStamp();
		String audienceId = settings.current().audienceId();
		var run = new ImportWriter.Run(job.getJobInstance().getInstanceId(), audienceId, audienceTags.all(audienceId),
				mailchimp.newMemberStatus(), signupStamp, parameters.dryRun(), properties.skipLimit());
		return new ImportWriter(sessions.client(job), run, sizes.parallelism(),
				StepRestarts.ownMembers(sessions, jobRepository, stepExecution, audienceId, signupStamp),
				ledgers.books(job, audienceId, parameters.dryRun()),
				new ImportWriter.Stores(contacts, members, doNotSubscribe, emails, outcomes));
	}

	@Bean
	@JobScope
	ImportReport importReportContent(ImportParameters parameters, ImportFolder folder) {
		return new ImportReport(parameters, folder);
	}

}
