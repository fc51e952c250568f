package com.kapta.mailchimp.upload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;

import com.kapta.mailchimp.KaptaJob;
import com.kapta.mailchimp.batch.JobReport;
import com.kapta.mailchimp.batch.RunReport;
import com.kapta.mailchimp.batch.RunTotals;

/**
 * The upload's summary lines; its report lists every contact that was not simply added.
 */
class UploadReport implements JobReport {

	private final List<String> launchTags;

	private final boolean dryRun;

	UploadReport(List<String> launchTags, boolean dryRun) {
		this.launchTags = launchTags;
		this.dryRun = dryRun;
	}

	@Override
	public String name() {
		return KaptaJob.UPLOAD.command();
	}

	@Override
	public Map<String, String> summary(JobExecution job, RunTotals totals) {
		Map<String, String> summary = new LinkedHashMap<>();
		summary.put("Mode", this.dryRun ? "dry run: nothing was changed" : "upload");
		summary.put("Contacts read", Long.toString(totals.count(UploadOutcome.CONTACTS)));
		if (this.dryRun) {
			summary.put("Would be added", totals.of(UploadOutcome.WOULD_ADD));
		}
		else {
			summary.put("Added to Mailchimp", totals.of(UploadOutcome.ADDED));
		}
		summary.put("Already on Mailchimp (unchanged)", totals.of(UploadOutcome.ALREADY_ON_MAILCHIMP));
		summary.put("Rejected by Mailchimp", totals.of(UploadOutcome.REJECTED));
		summary.put("Skipped (do-not-subscribe)", totals.of(UploadOutcome.SKIPPED_DO_NOT_SUBSCRIBE));
		summary.put("Launch tags", this.launchTags.isEmpty() ? "(none)" : String.join(", ", this.launchTags));
		if (this.dryRun) {
			String toCreate = UploadPreparation.tagsToCreate(job);
			summary.put("Tags that would be created", toCreate.isEmpty() ? "(none)" : toCreate);
		}
		else if (!this.launchTags.isEmpty()) {
			summary.put("Tags applied to new members", totals.perItem(UploadOutcome.TAG_APPLIED));
		}
		return summary;
	}

	@Override
	public RunReport.Details details() {
		return new RunReport.Details("Email", UploadOutcome.WORTH_A_LOOK, false);
	}

}
