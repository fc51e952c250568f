package com.kapta.mailchimp.upload;

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
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.kapta.mailchimp.KaptaJob;
import com.kapta.mailchimp.audience.AudienceResolver;
import com.kapta.mailchimp.audience.AudienceTags;
import com.kapta.mailchimp.batch.ChunkConnections;
import com.kapta.mailchimp.batch.ChunkLedger;
import com.kapta.mailchimp.batch.JobSessions;
import com.kapta.mailchimp.batch.JobSizes;
import com.kapta.mailchimp.batch.NewMemberParameter;
import com.kapta.mailchimp.batch.PartitionedSteps;
import com.kapta.mailchimp.batch.RunParameters;
import com.kapta.mailchimp.batch.RunReport;
import com.kapta.mailchimp.batch.StepRestarts;
import com.kapta.mailchimp.batch.TaskletSteps;
import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.settings.Settings;
import com.kapta.mailchimp.settings.SettingsService;

/**
 * Upload To Mailchimp: prepare the audience and the launch tags, then send the contacts
 * that are not yet members in partitions that run side by side (each restartable on its
 * own, up to Mailchimp's connection limit), then report.
 */
@Configuration(proxyBeanMethods = false)
class UploadJobConfiguration {

	static final String JOB = KaptaJob.UPLOAD.jobName();

	@Bean
	Job upload(JobRepository jobRepository, Step uploadPrepare, Step uploadContacts, Step uploadReport) {
		return new JobBuilder(JOB, jobRepository).start(uploadPrepare).next(uploadContacts).next(uploadReport).build();
	}

	@Bean
	Step uploadPrepare(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			UploadPreparation uploadPreparation) {
		return TaskletSteps.callingMailchimp("uploadPrepare", jobRepository, transactionManager, uploadPreparation);
	}

	@Bean
	Step uploadContacts(JobRepository jobRepository, Step uploadWorker, UploadPartitioner uploadPartitioner,
			JobSizes sizes) {
		return PartitionedSteps.step("uploadContacts", jobRepository, uploadWorker, uploadPartitioner, sizes);
	}

	@Bean
	Step uploadWorker(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			UploadCandidateReader uploadCandidates, ItemWriter<UploadCandidate> uploadWriter,
			ChunkConnections connections) {
		return new StepBuilder("uploadWorker", jobRepository)
			.<UploadCandidate, UploadCandidate>chunk(JobSizes.UPLOAD_CHUNK)
			.transactionManager(transactionManager)
			.reader(connections.reader(uploadCandidates))
			.writer(connections.writer(uploadWriter))
			.build();
	}

	@Bean
	Step uploadReport(JobRepository jobRepository, PlatformTransactionManager transactionManager, RunReport report,
			UploadReport uploadReportContent) {
		return report.step("uploadReport", jobRepository, transactionManager, uploadReportContent);
	}

	@Bean
	@RunParameters
	UploadParameters uploadParameters(@Value("#{stepExecution}") StepExecution stepExecution) {
		return UploadParameters.of(stepExecution.getJobParameters());
	}

	@Bean
	@JobScope
	UploadPreparation uploadPreparation(JobSessions sessions, AudienceResolver audience, UploadParameters parameters) {
		return new UploadPreparation(sessions, audience, parameters.tags(), parameters.dryRun());
	}

	@Bean
	@JobScope
	UploadPartitioner uploadPartitioner(JdbcTemplate jdbc, SettingsService settings, JobSessions sessions,
			@Value("#{jobExecution}") JobExecution jobExecution) {
		return new UploadPartitioner(jdbc, settings.current().audienceId(), JobSizes.UPLOAD_CHUNK,
				sessions.progress(jobExecution));
	}

	/**
	 * The contacts of one partition that are not members yet, by id; restartable (it
	 * keeps its last id).
	 */
	@Bean
	@StepScope
	UploadCandidateReader uploadCandidates(JdbcClient jdbc, SettingsService settings,
			@Value("#{stepExecution}") StepExecution stepExecution) {
		return new UploadCandidateReader(jdbc, settings.current().audienceId(),
				UploadPartitioner.Range.of(stepExecution.getExecutionContext()), JobSizes.UPLOAD_CHUNK);
	}

	@Bean
	@StepScope
	ItemWriter<UploadCandidate> uploadWriter(JobSessions sessions, SettingsService settings, AudienceTags audienceTags,
			JobRepository jobRepository, @Value("#{stepExecution}") StepExecution stepExecution,
			UploadParameters parameters, ChunkLedger.Keeper ledgers) throws NoSuchStepException {
		Settings current = settings.current();
		String audienceId = current.audienceId();
		JobExecution job = stepExecution.getJobExecution();
		MailchimpClient mailchimpClient = sessions.client(job);
		ChunkLedger.Books books = ledgers.books(job, audienceId, parameters.dryRun());
		if (parameters.dryRun()) {
			return new UploadDryRunWriter(mailchimpClient, audienceId, books);
		}
		String signupStamp = parameters.signupStamp();
		return new UploadWriter(mailchimpClient, audienceId, audienceTags.idsOf(audienceId, parameters.tags()),
				NewMemberParameter.of(stepExecution.getJobParameters(), current), signupStamp,
				StepRestarts.ownMembers(sessions, jobRepository, stepExecution, audienceId, signupStamp), books);
	}

	@Bean
	@JobScope
	UploadReport uploadReportContent(UploadParameters parameters) {
		return new UploadReport(parameters.tags(), parameters.dryRun());
	}

}
