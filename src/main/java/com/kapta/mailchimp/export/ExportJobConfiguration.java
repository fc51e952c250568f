package com.kapta.mailchimp.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import com.kapta.mailchimp.KaptaJob;
import com.kapta.mailchimp.audience.AudienceResolver;
import com.kapta.mailchimp.audience.AudienceTags;
import com.kapta.mailchimp.batch.JobSessions;
import com.kapta.mailchimp.batch.RunParameters;
import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.batch.TaskletSteps;
import com.kapta.mailchimp.contact.ContactHistory;
import com.kapta.mailchimp.contact.ContactService;
import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.MailchimpException;
import com.kapta.mailchimp.settings.Settings;
import com.kapta.mailchimp.settings.SettingsService;

/**
 * Export Mailchimp Contacts and Tags: refresh the audience's tags (when the integration
 * is on), then stream every contact into the workbook that is also the import's template.
 */
@Configuration(proxyBeanMethods = false)
class ExportJobConfiguration {

	static final String JOB = KaptaJob.EXPORT.jobName();

	private static final Logger log = LoggerFactory.getLogger(ExportJobConfiguration.class);

	private static final DateTimeFormatter LAST_REFRESHED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx")
		.withZone(ZoneId.systemDefault());

	private static final String TAG_SOURCE = "export.tagSource";

	@Bean
	Job export(JobRepository jobRepository, Step exportTags, Step exportWorkbook) {
		return new JobBuilder(JOB, jobRepository).start(exportTags).next(exportWorkbook).build();
	}

	@Bean
	Step exportTags(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			Tasklet exportTagRefresh) {
		return TaskletSteps.callingMailchimp("exportTags", jobRepository, transactionManager, exportTagRefresh);
	}

	@Bean
	Step exportWorkbook(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			Tasklet exportWorkbookWriter) {
		return TaskletSteps.step("exportWorkbook", jobRepository, transactionManager, exportWorkbookWriter);
	}

	/**
	 * The audience's tags from Mailchimp when the integration is on; the last known ones
	 * otherwise, and also when Mailchimp cannot be reached: the data team still gets its
	 * workbook, told how old the tags are.
	 */
	@Bean
	@JobScope
	Tasklet exportTagRefresh(SettingsService settings, JobSessions sessions, AudienceResolver audience,
			AudienceTags audienceTags) {
		return (contribution, chunkContext) -> {
			JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
			Settings current = settings.current();
			String source;
			if (!current.enabled() || !current.complete()) {
				source = "last known (the integration is disabled)";
			}
			else {
				try {
					MailchimpClient client = sessions.client(job);
					audience.withAudience(client, (id) -> audience.refreshTags(client, id));
					source = "refreshed from Mailchimp";
				}
				catch (MailchimpException ex) {
					log.warn("Exporting with the last known tags: {}", ex.getMessage());
					source = "last known: Mailchimp could not be reached (" + ex.getMessage()
							+ "); tags last refreshed "
							+ Optional.ofNullable(settings.current().audienceId())
								.flatMap(audienceTags::lastRefreshed)
								.map(LAST_REFRESHED::format)
								.orElse("never");
				}
			}
			job.getExecutionContext().putString(TAG_SOURCE, source);
			return RepeatStatus.FINISHED;
		};
	}

	@Bean
	@RunParameters
	ExportParameters exportParameters(@Value("#{stepExecution}") StepExecution stepExecution) {
		return ExportParameters.of(stepExecution.getJobParameters());
	}

	@Bean
	@JobScope
	Tasklet exportWorkbookWriter(SettingsService settings, AudienceTags audienceTags, ContactService contacts,
			ContactHistory history, ExportParameters parameters) {
		return (contribution, chunkContext) -> {
			JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
			Instant start = Instant.now();
			String audienceId = settings.current().audienceId();
			List<String> tags = (audienceId == null) ? List.of()
					: new ArrayList<>(audienceTags.all(audienceId).keySet());
			Path target = parameters.out();
			Map<String, String> summary = new LinkedHashMap<>();
			try (ContactWorkbook workbook = open(target, tags)) {
				contacts.forEach(workbook::add);
				if (parameters.withHistory()) {
					history.forEach(workbook::addHistory);
					summary.put("History", workbook.historyWords());
				}
				summary.put("Contacts written", Integer.toString(workbook.finish()));
				summary.put("Tag columns", tags.size() + (tags.isEmpty() ? "" : " (" + String.join(", ", tags) + ")"));
				summary.put("Tags", job.getExecutionContext().getString(TAG_SOURCE, ""));
				summary.put("Kapta-only tags (no column)",
						workbook.kaptaOnlyTags().isEmpty() ? "(none)" : String.join(", ", workbook.kaptaOnlyTags()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot write " + target + ": " + ex.getMessage(), ex);
			}
			summary.put("File", target.toString());
			summary.put("Duration",
					String.format("%.1f s", Duration.between(start, Instant.now()).toMillis() / 1000.0));
			RunSummary.store(job, summary);
			return RepeatStatus.FINISHED;
		};
	}

	private static ContactWorkbook open(Path target, List<String> tags) throws IOException {
		ContactWorkbook.removeLeftovers(target);
		return new ContactWorkbook(target, tags);
	}

}
