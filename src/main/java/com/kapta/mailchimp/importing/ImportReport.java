package com.kapta.mailchimp.importing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.kapta.mailchimp.KaptaJob;
import com.kapta.mailchimp.batch.JobReport;
import com.kapta.mailchimp.batch.RunReport;
import com.kapta.mailchimp.batch.RunTotals;

/**
 * The import's summary lines; its report lists the rows to look at, with their sheet
 * rows, beside the processed file (among the run reports for a dry run).
 */
class ImportReport implements JobReport {

	private final ImportParameters parameters;

	private final ImportFolder folder;

	ImportReport(ImportParameters parameters, ImportFolder folder) {
		this.parameters = parameters;
		this.folder = folder;
	}

	@Override
	public String name() {
		return KaptaJob.IMPORT.command() + (this.parameters.dryRun() ? "-dry-run" : "");
	}

	@Override
	public Optional<Path> file(JobExecution job) {
		return this.parameters.dryRun() ? Optional.empty() : Optional.of(this.folder.reportFor(this.parameters.file()));
	}

	@Override
	public Map<String, String> summary(JobExecution job, RunTotals totals) {
		boolean dry = this.parameters.dryRun();
		ExecutionContext context = job.getExecutionContext();
		Map<String, String> summary = new LinkedHashMap<>();
		summary.put("Mode", dry ? "dry run: nothing was changed, this is what the import would do" : "import");
		summary.put("File", this.parameters.name());
		summary.put("Sheet", context.getString(ImportPreparation.SHEET, ""));
		summary.put("Rows read", totals.of(ImportOutcome.ROWS_READ));
		summary.put(dry ? "Contacts that would be added to Mailchimp" : "Contacts added to Mailchimp",
				totals.of(ImportOutcome.ADDED_TO_MAILCHIMP));
		summary.put(dry ? "Contacts that would be created in Kapta" : "Contacts created in Kapta",
				totals.of(ImportOutcome.CREATED_IN_KAPTA));
		summary.put("Tags added", totals.perItem(ImportOutcome.TAG_ADDED));
		summary.put("Tags removed", totals.perItem(ImportOutcome.TAG_REMOVED));
		summary.put("Tag columns", context.getString(ImportPreparation.TAG_COLUMNS, "(none)"));
		summary.put("Ignored columns", context.getString(ImportPreparation.IGNORED_COLUMNS, "(none)"));
		summary.put("Skipped rows", totals.of(ImportOutcome.SKIPPED));
		summary.put("Rejected by Mailchimp", totals.of(ImportOutcome.REJECTED));
		summary.put("Not subscribed (tags changed in Kapta only)", totals.of(ImportOutcome.NOT_SUBSCRIBED));
		return summary;
	}

	@Override
	public RunReport.Details details() {
		return new RunReport.Details("Email", ImportOutcome.LISTED, true);
	}

}
