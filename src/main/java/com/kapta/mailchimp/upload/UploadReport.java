package com.kapta.mailchimp.upload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.kapta.mailchimp.batch.JobSessions;
import com.kapta.mailchimp.batch.RunOutcomes;
import com.kapta.mailchimp.batch.RunReport;

/**
 * The run's totals, from its recorded outcomes (every execution's), and its xlsx report.
 */
class UploadReport implements Tasklet {

	private final RunOutcomes outcomes;

	private final RunReport report;

	private final JobSessions sessions;

	private final List<String> launchTags;

	private final boolean dryRun;

	UploadReport(RunOutcomes outcomes, RunReport report, JobSessions sessions, List<String> launchTags,
			boolean dryRun) {
		this.outcomes = outcomes;
		this.report = report;
		this.sessions = sessions;
		this.launchTags = launchTags;
		this.dryRun = dryRun;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		var jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
		long run = jobExecution.getJobInstance().getInstanceId();
		Map<String, Long> totals = this.outcomes.totals(run);
		Map<String, String> summary = new LinkedHashMap<>();
		summary.put("Mode", this.dryRun ? "dry run: nothing was changed" : "upload");
		summary.put("Contacts read",
				Long.toString(totals.entrySet()
					.stream()
					.filter((e) -> !e.getKey().equals(UploadOutcome.TAG_APPLIED.name()))
					.mapToLong(Map.Entry::getValue)
					.sum()));
		if (this.dryRun) {
			summary.put("Would be added", RunOutcomes.total(totals, UploadOutcome.WOULD_ADD));
		}
		else {
			summary.put("Added to Mailchimp", RunOutcomes.total(totals, UploadOutcome.ADDED));
		}
		summary.put("Already on Mailchimp (unchanged)", RunOutcomes.total(totals, UploadOutcome.ALREADY_ON_MAILCHIMP));
		summary.put("Rejected by Mailchimp", RunOutcomes.total(totals, UploadOutcome.REJECTED));
		summary.put("Skipped (do-not-subscribe)", RunOutcomes.total(totals, UploadOutcome.SKIPPED_DO_NOT_SUBSCRIBE));
		summary.put("Launch tags", this.launchTags.isEmpty() ? "(none)" : String.join(", ", this.launchTags));
		if (this.dryRun) {
			String toCreate = jobExecution.getExecutionContext().getString(UploadPreparation.TAGS_TO_CREATE, "");
			summary.put("Tags that would be created", toCreate.isEmpty() ? "(none)" : toCreate);
		}
		else if (!this.launchTags.isEmpty()) {
			summary.put("Tags applied to new members",
					RunOutcomes.describe(this.outcomes.totalsByItem(run, UploadOutcome.TAG_APPLIED.name())));
		}
		this.report.complete(jobExecution, "upload", summary, this.sessions.client(jobExecution).calls(), "Email",
				UploadOutcome.WORTH_A_LOOK);
		return RepeatStatus.FINISHED;
	}

}
