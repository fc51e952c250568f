package com.kapta.mailchimp.tagdownload;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import com.kapta.mailchimp.KaptaJob;
import com.kapta.mailchimp.audience.AudienceMembers;
import com.kapta.mailchimp.audience.AudienceResolver;
import com.kapta.mailchimp.batch.ChunkConnections;
import com.kapta.mailchimp.batch.ChunkLedger;
import com.kapta.mailchimp.batch.JobSessions;
import com.kapta.mailchimp.batch.JobSizes;
import com.kapta.mailchimp.batch.PartitionedSteps;
import com.kapta.mailchimp.batch.RunParameters;
import com.kapta.mailchimp.batch.RunReport;
import com.kapta.mailchimp.batch.TaskletSteps;
import com.kapta.mailchimp.contact.ContactRepository;
import com.kapta.mailchimp.contact.Outbox;
import com.kapta.mailchimp.mailchimp.Member;
import com.kapta.mailchimp.settings.SettingsService;

/**
 * Download To Kapta: prepare (audience, tags, member count), then read the member pages
 * in partitions side by side (up to Mailchimp's connection limit) and give each contact
 * its member's tags, then report.
 */
@Configuration(proxyBeanMethods = false)
class DownloadJobConfiguration {

	static final String JOB = KaptaJob.DOWNLOAD_TAGS.jobName();

	@Bean
	Job downloadTags(JobRepository jobRepository, Step downloadPrepare, Step downloadMembers, Step downloadReport) {
		return new JobBuilder(JOB, jobRepository).start(downloadPrepare)
			.next(downloadMembers)
			.next(downloadReport)
			.build();
	}

	@Bean
	Step downloadPrepare(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			DownloadPreparation downloadPreparation) {
		return TaskletSteps.callingMailchimp("downloadPrepare", jobRepository, transactionManager, downloadPreparation);
	}

	/**
	 * Member pages read side by side; the archived members' partition comes on top of the
	 * grid and starts when a thread is free.
	 */
	@Bean
	Step downloadMembers(JobRepository jobRepository, Step downloadWorker, DownloadPartitioner downloadPartitioner,
			JobSizes sizes) {
		return PartitionedSteps.step("downloadMembers", jobRepository, downloadWorker, downloadPartitioner, sizes);
	}

	@Bean
	Step downloadWorker(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			MemberPageReader memberPages, MemberTagWriter memberTags, ChunkConnections connections) {
		return new StepBuilder("downloadWorker", jobRepository).<Member, Member>chunk(JobSizes.DOWNLOAD_CHUNK)
			.transactionManager(transactionManager)
			.reader(memberPages)
			.writer(connections.writer(memberTags))
			.build();
	}

	@Bean
	Step downloadReport(JobRepository jobRepository, PlatformTransactionManager transactionManager, RunReport report,
			DownloadReport downloadReportContent) {
		return report.step("downloadReport", jobRepository, transactionManager, downloadReportContent);
	}

	@Bean
	@JobScope
	DownloadPreparation downloadPreparation(JobSessions sessions, AudienceResolver audience, SettingsService settings) {
		return new DownloadPreparation(sessions, audience, settings);
	}

	@Bean
	@RunParameters
	DownloadParameters downloadParameters(@Value("#{stepExecution}") StepExecution stepExecution) {
		return DownloadParameters.of(stepExecution.getJobParameters());
	}

	@Bean
	@JobScope
	DownloadPartitioner downloadPartitioner(@Value("#{jobExecution}") JobExecution jobExecution) {
		return new DownloadPartitioner(DownloadPreparation.members(jobExecution));
	}

	@Bean
	@StepScope
	MemberPageReader memberPages(JobSessions sessions, SettingsService settings,
			@Value("#{stepExecution}") StepExecution stepExecution) {
		var job = stepExecution.getJobExecution();
		return new MemberPageReader(sessions.client(job), settings.current().audienceId(),
				DownloadPartitioner.Range.of(stepExecution.getExecutionContext()), sessions.progress(job));
	}

	@Bean
	@StepScope
	MemberTagWriter memberTags(JobSessions sessions, SettingsService settings,
			@Value("#{stepExecution}") StepExecution stepExecution, DownloadParameters parameters,
			ChunkLedger.Keeper ledgers, ContactRepository contacts, Outbox outbox, AudienceMembers members,
			ChunkConnections connections) {
		var job = stepExecution.getJobExecution();
		String audienceId = settings.current().audienceId();
		return new MemberTagWriter(sessions.client(job), audienceId,
				ledgers.books(job, audienceId, parameters.dryRun()), contacts, outbox, members, connections);
	}

	@Bean
	@JobScope
	DownloadReport downloadReportContent(DownloadParameters parameters) {
		return new DownloadReport(parameters.dryRun());
	}

}
