package com.kapta.mailchimp.tagdownload;

import java.util.HashMap;
import java.util.Map;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import com.kapta.mailchimp.KaptaJob;
import com.kapta.mailchimp.audience.AudienceMembers;
import com.kapta.mailchimp.audience.AudienceResolver;
import com.kapta.mailchimp.audience.AudienceTags;
import com.kapta.mailchimp.batch.ChunkConnections;
import com.kapta.mailchimp.batch.ChunkLedger;
import com.kapta.mailchimp.batch.JobSessions;
import com.kapta.mailchimp.batch.JobSizes;
import com.kapta.mailchimp.batch.PartitionedSteps;
import com.kapta.mailchimp.batch.RunParameters;
import com.kapta.mailchimp.batch.RunOutcomes.Outcome;
import com.kapta.mailchimp.batch.RunReport;
import com.kapta.mailchimp.batch.TaskletSteps;
import com.kapta.mailchimp.contact.ContactRepository;
import com.kapta.mailchimp.contact.Outbox;
import com.kapta.mailchimp.mailchimp.Member;
import com.kapta.mailchimp.settings.SettingsService;

/**
 * Download To Kapta: prepare (audience, tags, member count, the reading chosen), then
 * read in partitions side by side (up to Mailchimp's connection limit): a full scan gives
 * each contact its member's tags as it reads; tag by tag notes each tag's members and the
 * changed members' statuses, then compares each contact concerned. Then report.
 */
@Configuration(proxyBeanMethods = false)
class DownloadJobConfiguration {

	static final String JOB = KaptaJob.DOWNLOAD_TAGS.jobName();

	@Bean
	Job downloadTags(JobRepository jobRepository, Step downloadPrepare, Step downloadMembers, Step downloadCompare,
			Step downloadUnknown, Step downloadReport, Step downloadCleanup) {
		return new JobBuilder(JOB, jobRepository).start(downloadPrepare)
			.next(downloadMembers)
			.next(downloadCompare)
			.next(downloadUnknown)
			.next(downloadReport)
			.next(downloadCleanup)
			.build();
	}

	/** Tag by tag: each contact gets the tags whose lists hold its member. */
	@Bean
	Step downloadCompare(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			TaggedContactReader taggedContacts, TaggedContactWriter taggedContactTags, ChunkConnections connections) {
		return new StepBuilder("downloadCompare", jobRepository).<Long, Long>chunk(JobSizes.DOWNLOAD_CHUNK)
			.transactionManager(transactionManager)
			.reader(connections.reader(taggedContacts))
			.writer(connections.writer(taggedContactTags))
			.build();
	}

	/** Tag by tag: the members Kapta does not know, each once in the report. */
	@Bean
	Step downloadUnknown(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			TagMembers tagMembers, ChunkLedger.Keeper ledgers, SettingsService settings) {
		return TaskletSteps.step("downloadUnknown", jobRepository, transactionManager, (contribution, context) -> {
			JobExecution job = context.getStepContext().getStepExecution().getJobExecution();
			DownloadParameters parameters = DownloadParameters.of(job.getJobParameters());
			ChunkLedger ledger = ledgers.books(job, settings.current().audienceId(), parameters.dryRun()).open();
			tagMembers.forEachUnknown(job.getJobInstance().getInstanceId(), (email) -> ledger
				.outcome(Outcome.of(email, DownloadOutcome.UNMATCHED, "on a tag's list or changed on Mailchimp")));
			ledger.apply(0);
			return RepeatStatus.FINISHED;
		});
	}

	/** Forgets what the tags' lists held: the run has ended. */
	@Bean
	Step downloadCleanup(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			TagMembers tagMembers) {
		return TaskletSteps.step("downloadCleanup", jobRepository, transactionManager, (contribution, context) -> {
			tagMembers
				.remove(context.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId());
			return RepeatStatus.FINISHED;
		});
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
	DownloadPreparation downloadPreparation(JobSessions sessions, AudienceResolver audience, LastDownload lastDownload,
			TagMembers tagMembers, @Value("#{jobExecution}") JobExecution jobExecution, DownloadProperties properties) {
		return new DownloadPreparation(sessions, audience, lastDownload, tagMembers,
				DownloadParameters.of(jobExecution.getJobParameters()), properties.fullScanEvery());
	}

	@Bean
	@RunParameters
	DownloadParameters downloadParameters(@Value("#{stepExecution}") StepExecution stepExecution) {
		return DownloadParameters.of(stepExecution.getJobParameters());
	}

	@Bean
	@JobScope
	DownloadPartitioner downloadPartitioner(@Value("#{jobExecution}") JobExecution jobExecution) {
		return new DownloadPartitioner(DownloadPreparation.members(jobExecution),
				DownloadPlan.of(jobExecution.getExecutionContext()), DownloadPreparation.tagMembers(jobExecution),
				DownloadPreparation.changed(jobExecution));
	}

	@Bean
	@StepScope
	TaggedContactReader taggedContacts(TagMembers tagMembers, ContactRepository contacts, SettingsService settings,
			AudienceTags audienceTags, @Value("#{stepExecution}") StepExecution stepExecution) {
		JobExecution job = stepExecution.getJobExecution();
		return new TaggedContactReader(tagMembers, contacts, job.getJobInstance().getInstanceId(),
				DownloadPlan.of(job.getExecutionContext()), tagNames(audienceTags, settings.current().audienceId()));
	}

	/** The audience's tags as the run's preparation read them, by id. */
	private static Map<Long, String> tagNames(AudienceTags audienceTags, String audienceId) {
		Map<Long, String> names = new HashMap<>();
		audienceTags.all(audienceId).forEach((name, id) -> names.put(id, name));
		return names;
	}

	@Bean
	@StepScope
	TaggedContactWriter taggedContactTags(SettingsService settings, AudienceTags audienceTags,
			@Value("#{stepExecution}") StepExecution stepExecution, DownloadParameters parameters,
			ChunkLedger.Keeper ledgers, ContactRepository contacts, Outbox outbox, AudienceMembers members,
			ChunkConnections connections, TagMembers tagMembers) {
		String audienceId = settings.current().audienceId();
		return new TaggedContactWriter(ledgers.books(stepExecution.getJobExecution(), audienceId, parameters.dryRun()),
				contacts, outbox, members, connections, tagMembers, tagNames(audienceTags, audienceId));
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
			ChunkConnections connections, TagMembers tagMembers) {
		var job = stepExecution.getJobExecution();
		String audienceId = settings.current().audienceId();
		return new MemberTagWriter(sessions.client(job), audienceId,
				ledgers.books(job, audienceId, parameters.dryRun()), contacts, outbox, members, connections,
				DownloadPartitioner.Range.of(stepExecution.getExecutionContext()), tagMembers);
	}

	@Bean
	@JobScope
	DownloadReport downloadReportContent(DownloadParameters parameters) {
		return new DownloadReport(parameters.dryRun());
	}

}
