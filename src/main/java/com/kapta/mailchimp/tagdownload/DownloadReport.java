package com.kapta.mailchimp.tagdownload;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.kapta.mailchimp.batch.JobSessions;
import com.kapta.mailchimp.batch.RunOutcomes;
import com.kapta.mailchimp.batch.RunReport;

/**
 * The download's totals (from every execution's recorded outcomes) and its xlsx report.
 */
class DownloadReport implements Tasklet {

	private final RunOutcomes outcomes;

	private final RunReport report;

	private final JobSessions sessions;

	private final boolean dryRun;

	DownloadReport(RunOutcomes outcomes, RunReport report, JobSessions sessions, boolean dryRun) {
		this.outcomes = outcomes;
		this.report = report;
		this.sessions = sessions;
		this.dryRun = dryRun;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		var jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
		long run = jobExecution.getJobInstance().getInstanceId();
		Map<String, Long> totals = this.outcomes.totals(run);
		Map<String, String> summary = new LinkedHashMap<>();
		summary.put("Mode", this.dryRun ? "dry run: Kapta was not changed" : "download (nothing is sent to Mailchimp)");
		summary.put("Members read", RunOutcomes.total(totals, DownloadOutcome.MEMBERS_READ));
		summary.put(this.dryRun ? "Contacts that would change" : "Contacts updated",
				RunOutcomes.total(totals, DownloadOutcome.UPDATED));
		summary.put("Tags added", perTag(run, DownloadOutcome.TAG_ADDED));
		summary.put("Tags removed", perTag(run, DownloadOutcome.TAG_REMOVED));
		summary.put("Members unknown to Kapta", RunOutcomes.total(totals, DownloadOutcome.UNMATCHED));
		summary.put("Kept, change pending", RunOutcomes.total(totals, DownloadOutcome.KEPT_CHANGE_PENDING));
		summary.put("Malformed addresses on Mailchimp", RunOutcomes.total(totals, DownloadOutcome.MALFORMED));
		this.report.complete(jobExecution, "download-tags", summary, this.sessions.client(jobExecution).calls(),
				"Email", DownloadOutcome.WORTH_A_LOOK);
		return RepeatStatus.FINISHED;
	}

	private String perTag(long run, DownloadOutcome outcome) {
		Map<String, Long> byTag = this.outcomes.totalsByItem(run, outcome.name());
		long total = byTag.values().stream().mapToLong(Long::longValue).sum();
		return total + (byTag.isEmpty() ? "" : " (" + RunOutcomes.describe(byTag) + ")");
	}

}
