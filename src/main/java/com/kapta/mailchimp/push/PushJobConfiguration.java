package com.kapta.mailchimp.push;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.kapta.mailchimp.KaptaJob;
import com.kapta.mailchimp.audience.AudienceMembers;
import com.kapta.mailchimp.audience.AudienceResolver;
import com.kapta.mailchimp.audience.AudienceTags;
import com.kapta.mailchimp.audience.DoNotSubscribe;
import com.kapta.mailchimp.batch.ChunkConnections;
import com.kapta.mailchimp.batch.ChunkLedger;
import com.kapta.mailchimp.batch.JobSessions;
import com.kapta.mailchimp.batch.JobSizes;
import com.kapta.mailchimp.batch.NewMemberParameter;
import com.kapta.mailchimp.batch.RunParameters;
import com.kapta.mailchimp.batch.RunReport;
import com.kapta.mailchimp.batch.StepRestarts;
import com.kapta.mailchimp.batch.TaskletSteps;
import com.kapta.mailchimp.contact.Outbox;
import com.kapta.mailchimp.settings.Settings;
import com.kapta.mailchimp.settings.SettingsService;

/**
 * Push: send Kapta's waiting contact changes to Mailchimp. Fix the run's changes and
 * prepare the audience's tags, then send the changes a chunk of contacts at a time (bulk
 * calls side by side), then report.
 */
@Configuration(proxyBeanMethods = false)
class PushJobConfiguration {

	static final String JOB = KaptaJob.PUSH.jobName();

	@Bean
	Job push(JobRepository jobRepository, Step pushPrepare, Step pushChanges, Step pushReport) {
		return new JobBuilder(JOB, jobRepository).start(pushPrepare).next(pushChanges).next(pushReport).build();
	}

	@Bean
	Step pushPrepare(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			PushPreparation pushPreparation) {
		return TaskletSteps.callingMailchimp("pushPrepare", jobRepository, transactionManager, pushPreparation);
	}

	@Bean
	Step pushChanges(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			PendingContactReader pendingContacts, PushWriter pushWriter, ChunkConnections connections) {
		return new StepBuilder("pushChanges", jobRepository).<PendingContact, PendingContact>chunk(JobSizes.BULK_CHUNK)
			.transactionManager(transactionManager)
			.reader(connections.reader(pendingContacts))
			.writer(connections.writer(pushWriter))
			.build();
	}

	@Bean
	Step pushReport(JobRepository jobRepository, PlatformTransactionManager transactionManager, RunReport report,
			Outbox outbox) {
		return report.step("pushReport", jobRepository, transactionManager, new PushReport(outbox));
	}

	@Bean
	@JobScope
	PushPreparation pushPreparation(JobSessions sessions, AudienceResolver audience, Outbox outbox) {
		return new PushPreparation(sessions, audience, outbox);
	}

	@Bean
	@StepScope
	PendingContactReader pendingContacts(Outbox outbox, JdbcClient jdbc,
			@Value("#{stepExecution}") StepExecution stepExecution) {
		return new PendingContactReader(outbox, jdbc, PushPreparation.upTo(stepExecution.getJobExecution()));
	}

	@Bean
	@RunParameters
	PushParameters pushParameters(@Value("#{stepExecution}") StepExecution stepExecution) {
		return PushParameters.of(stepExecution.getJobParameters());
	}

	@Bean
	@StepScope
	PushWriter pushWriter(JobSessions sessions, SettingsService settings, AudienceTags audienceTags, JobSizes sizes,
			ChunkLedger.Keeper ledgers, AudienceMembers members, DoNotSubscribe doNotSubscribe, Outbox outbox,
			JobRepository jobRepository, ChunkConnections connections,
			@Value("#{stepExecution}") StepExecution stepExecution, PushParameters parameters)
			throws NoSuchStepException {
		JobExecution job = stepExecution.getJobExecution();
		String signupStamp = parameters.signupStamp();
		Settings current = settings.current();
		String audienceId = current.audienceId();
		return new PushWriter(sessions.client(job), audienceId, audienceTags.all(audienceId),
				NewMemberParameter.of(stepExecution.getJobParameters(), current), sizes.parallelism(), signupStamp,
				StepRestarts.ownMembers(sessions, jobRepository, stepExecution, audienceId, signupStamp),
				ledgers.books(job, audienceId, false), outbox, members, doNotSubscribe, connections);
	}

}
