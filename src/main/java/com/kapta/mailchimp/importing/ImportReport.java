package com.kapta.mailchimp.importing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.kapta.mailchimp.batch.JobSessions;
import com.kapta.mailchimp.batch.RunOutcomes;
import com.kapta.mailchimp.batch.RunReport;

/**
 * The run's summary, from its recorded outcomes (every execution's), and its report:
 * beside the processed file, or among the run reports for a dry run.
 */
class ImportReport implements Tasklet {

	private final RunOutcomes outcomes;

	private final RunReport report;

	private final JobSessions sessions;

	private final Path reportFile;

	private final boolean dryRun;

	ImportReport(RunOutcomes outcomes, RunReport report, JobSessions sessions, Path reportFile, boolean dryRun) {
		this.outcomes = outcomes;
		this.report = report;
		this.sessions = sessions;
		this.reportFile = reportFile;
		this.dryRun = dryRun;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
		ExecutionContext context = job.getExecutionContext();
		long run = job.getJobInstance().getInstanceId();
		Map<String, Long> totals = this.outcomes.totals(run);
		Map<String, String> summary = new LinkedHashMap<>();
		summary.put("Mode", this.dryRun ? "dry run: nothing was changed, this is what the import would do" : "import");
		summary.put("File", ImportParameters.of(job.getJobParameters()).name());
		summary.put("Sheet", context.getString(ImportPreparation.SHEET, ""));
		summary.put("Rows read", RunOutcomes.total(totals, ImportOutcome.ROWS_READ));
		summary.put(this.dryRun ? "Contacts that would be added to Mailchimp" : "Contacts added to Mailchimp",
				RunOutcomes.total(totals, ImportOutcome.ADDED_TO_MAILCHIMP));
		summary.put(this.dryRun ? "Contacts that would be created in Kapta" : "Contacts created in Kapta",
				RunOutcomes.total(totals, ImportOutcome.CREATED_IN_KAPTA));
		summary.put("Tags added", this.outcomes.describeByItem(run, ImportOutcome.TAG_ADDED));
		summary.put("Tags removed", this.outcomes.describeByItem(run, ImportOutcome.TAG_REMOVED));
		summary.put("Tag columns", context.getString(ImportPreparation.TAG_COLUMNS, "(none)"));
		summary.put("Ignored columns", context.getString(ImportPreparation.IGNORED_COLUMNS, "(none)"));
		summary.put("Skipped rows", RunOutcomes.total(totals, ImportOutcome.SKIPPED));
		summary.put("Rejected by Mailchimp", RunOutcomes.total(totals, ImportOutcome.REJECTED));
		summary.put("Not subscribed (tags changed in Kapta only)",
				RunOutcomes.total(totals, ImportOutcome.NOT_SUBSCRIBED));
		this.report.complete(job, this.reportFile, summary, this.sessions.client(job).calls(),
				new RunReport.Details("Email", ImportOutcome.LISTED, true));
		return RepeatStatus.FINISHED;
	}

}
