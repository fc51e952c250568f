package com.kapta.mailchimp.importing;

import java.util.Map;
import java.util.TreeMap;

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

import com.kapta.mailchimp.KaptaJob;
import com.kapta.mailchimp.audience.AudienceResolver;
import com.kapta.mailchimp.audience.AudienceTags;
import com.kapta.mailchimp.audience.DoNotSubscribe;
import com.kapta.mailchimp.audit.AuditTrail;
import com.kapta.mailchimp.batch.ChunkConnections;
import com.kapta.mailchimp.batch.ChunkLedger;
import com.kapta.mailchimp.batch.JobSessions;
import com.kapta.mailchimp.batch.JobSizes;
import com.kapta.mailchimp.batch.NewMemberParameter;
import com.kapta.mailchimp.batch.RunOutcomes;
import com.kapta.mailchimp.batch.RunParameters;
import com.kapta.mailchimp.batch.RunReport;
import com.kapta.mailchimp.batch.StepRestarts;
import com.kapta.mailchimp.batch.TaskletSteps;
import com.kapta.mailchimp.contact.ContactRepository;
import com.kapta.mailchimp.importing.ImportStage.Staged;
import com.kapta.mailchimp.mailchimp.TagCall;
import com.kapta.mailchimp.settings.Settings;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.workbook.SheetReader;
import com.kapta.mailchimp.workbook.SheetRow;

/**
 * Import Mailchimp Contacts and Tags: read the whole file once and refresh the audience's
 * tags; stage its rows (skipping the bad and the repeated ones, planning the rest,
 * sending nothing); subscribe the staged contacts that are not on the audience; send the
 * staged tag changes, packed across the whole sheet; report. Each sending step runs its
 * chunk's calls side by side. The file moves along the drop folder's sub-folders as the
 * run starts and ends.
 */
@Configuration(proxyBeanMethods = false)
class ImportJobConfiguration {

	static final String JOB = KaptaJob.IMPORT.jobName();

	@Bean
	Job importJob(JobRepository jobRepository, Step importPrepare, Step importStaging, Step importSubscribe,
			Step importTags, Step importReport, ImportFolder folder, ImportStage stage, AuditTrail audit) {
		return new JobBuilder(JOB, jobRepository).listener(new ImportFileMover(folder))
			.listener(new ImportAudit(audit, jobRepository))
			.listener(new ForgetImportStage(stage))
			.start(importPrepare)
			.next(importStaging)
			.next(importSubscribe)
			.next(importTags)
			.next(importReport)
			.build();
	}

	@Bean
	Step importPrepare(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ImportPreparation importPreparation) {
		return TaskletSteps.callingMailchimp("importPrepare", jobRepository, transactionManager, importPreparation);
	}

	@Bean
	Step importStaging(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ImportRowReader importRowReader, ImportStager importStager) {
		return new StepBuilder("importStaging", jobRepository).<SheetRow, SheetRow>chunk(JobSizes.BULK_CHUNK)
			.transactionManager(transactionManager)
			.reader(importRowReader)
			.writer(importStager)
			.build();
	}

	@Bean
	Step importSubscribe(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ImportToSubscribeReader importToSubscribe, ImportSubscriber importSubscriber,
			ChunkConnections connections) {
		return new StepBuilder("importSubscribe", jobRepository).<Staged, Staged>chunk(JobSizes.BULK_CHUNK)
			.transactionManager(transactionManager)
			.reader(connections.reader(importToSubscribe))
			.writer(connections.writer(importSubscriber))
			.build();
	}

	@Bean
	Step importTags(JobRepository jobRepository, PlatformTransactionManager transactionManager, JobSizes sizes,
			ImportTagCallReader importTagCallReader, ImportTagSender importTagSender, ChunkConnections connections) {
		// a chunk is as many calls as go side by side
		return new StepBuilder("importTags", jobRepository)
			.<TagCall<StagedChange>, TagCall<StagedChange>>chunk(sizes.parallelism())
			.transactionManager(transactionManager)
			.reader(connections.reader(importTagCallReader))
			.writer(connections.writer(importTagSender))
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

	/** The run's settings, the same for each step (a record: step scope, unproxied). */
	@Bean
	@RunParameters
	ImportRun importRun(SettingsService settings, AudienceTags audienceTags, ImportProperties properties,
			ImportParameters parameters, @Value("#{stepExecution}") StepExecution stepExecution) {
		Settings current = settings.current();
		String audienceId = current.audienceId();
		Map<String, Long> tags = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		tags.putAll(audienceTags.all(audienceId));
		return new ImportRun(stepExecution.getJobExecution().getJobInstance().getInstanceId(), audienceId, tags,
				NewMemberParameter.of(stepExecution.getJobParameters(), current), parameters.signupStamp(),
				parameters.dryRun(), properties.skipLimit());
	}

	@Bean
	@JobScope
	ImportPreparation importPreparation(JobSessions sessions, AudienceResolver audience, ImportProperties properties,
			ImportParameters parameters) {
		return new ImportPreparation(parameters.file(), properties.maxSharedStrings().toBytes(), parameters.dryRun(),
				sessions, audience);
	}

	@Bean
	@StepScope
	ImportRowReader importRowReader(ImportProperties properties, ImportParameters parameters) {
		return new ImportRowReader(parameters.file(), properties.maxSharedStrings().toBytes());
	}

	@Bean
	@StepScope
	ImportStager importStager(ImportRun run, ChunkLedger.Keeper ledgers, ContactRepository contacts,
			DoNotSubscribe doNotSubscribe, ImportStage stage, RunOutcomes outcomes, ImportProperties properties,
			ImportParameters parameters, @Value("#{stepExecution}") StepExecution stepExecution) {
		return new ImportStager(run, ledgers.books(stepExecution.getJobExecution(), run.audienceId(), run.dryRun()),
				new ImportStager.Stores(contacts, doNotSubscribe, stage, outcomes),
				takenEmails(run, stage, properties, parameters, stepExecution));
	}

	/**
	 * A dry run's taken emails are held in memory (after a restart, replayed from the
	 * rows the step had read); an import's are in its stage.
	 */
	private static TakenEmails takenEmails(ImportRun run, ImportStage stage, ImportProperties properties,
			ImportParameters parameters, StepExecution stepExecution) {
		if (!run.dryRun()) {
			return StagedEmails.of(stage, run.jobInstanceId());
		}
		int rowsRead = ImportRowReader.rowsRead(stepExecution.getExecutionContext());
		if (rowsRead == 0) {
			return new SeenEmails();
		}
		try (SheetReader sheet = SheetReader.open(parameters.file(), properties.maxSharedStrings().toBytes())) {
			return SeenEmails.replayed(sheet, rowsRead);
		}
	}

	@Bean
	@StepScope
	ImportToSubscribeReader importToSubscribe(ImportStage stage, ImportRun run) {
		return new ImportToSubscribeReader(stage, run.jobInstanceId(), JobSizes.BULK_CHUNK, run.dryRun());
	}

	@Bean
	@StepScope
	ImportSubscriber importSubscriber(JobSessions sessions, ImportRun run, JobSizes sizes, ChunkLedger.Keeper ledgers,
			ContactRepository contacts, ImportStage stage, RunOutcomes outcomes, JobRepository jobRepository,
			@Value("#{stepExecution}") StepExecution stepExecution) throws NoSuchStepException {
		JobExecution job = stepExecution.getJobExecution();
		return new ImportSubscriber(sessions.client(job), run, sizes.parallelism(),
				StepRestarts.ownMembers(sessions, jobRepository, stepExecution, run.audienceId(), run.signupStamp()),
				ledgers.books(job, run.audienceId(), run.dryRun()), contacts, stage, outcomes);
	}

	@Bean
	@StepScope
	ImportTagCallReader importTagCallReader(ImportStage stage, ImportRun run) {
		return new ImportTagCallReader(stage, run.jobInstanceId());
	}

	@Bean
	@StepScope
	ImportTagSender importTagSender(JobSessions sessions, ImportRun run, JobSizes sizes, ChunkLedger.Keeper ledgers,
			RunOutcomes outcomes, @Value("#{stepExecution}") StepExecution stepExecution) {
		JobExecution job = stepExecution.getJobExecution();
		return new ImportTagSender(sessions.client(job), run, sizes.parallelism(),
				ledgers.books(job, run.audienceId(), run.dryRun()), outcomes);
	}

	@Bean
	@JobScope
	ImportReport importReportContent(ImportParameters parameters, ImportFolder folder) {
		return new ImportReport(parameters, folder);
	}

}
