package com.kapta.mailchimp.tagdownload;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;

import com.kapta.mailchimp.KaptaJob;
import com.kapta.mailchimp.batch.JobReport;
import com.kapta.mailchimp.batch.RunReport;
import com.kapta.mailchimp.batch.RunTotals;

/**
 * The download's summary lines; its report lists the contacts changed and the members not
 * matched.
 */
class DownloadReport implements JobReport {

	private final boolean dryRun;

	DownloadReport(boolean dryRun) {
		this.dryRun = dryRun;
	}

	@Override
	public String name() {
		return KaptaJob.DOWNLOAD_TAGS.command();
	}

	@Override
	public Map<String, String> summary(JobExecution job, RunTotals totals) {
		Map<String, String> summary = new LinkedHashMap<>();
		summary.put("Mode", this.dryRun ? "dry run: Kapta was not changed" : "download (nothing is sent to Mailchimp)");
		DownloadPlan plan = DownloadPlan.of(job.getExecutionContext());
		summary.put("Reading", plan.words());
		summary.put((plan.kind() == DownloadPlan.Kind.TAG_BY_TAG) ? "Members read (a member once a tag, and changed)"
				: "Members read", totals.of(DownloadOutcome.MEMBERS_READ));
		summary.put(this.dryRun ? "Contacts that would change" : "Contacts updated",
				totals.of(DownloadOutcome.UPDATED));
		summary.put("Tags added", totals.perItem(DownloadOutcome.TAG_ADDED));
		summary.put("Tags removed", totals.perItem(DownloadOutcome.TAG_REMOVED));
		summary.put("Members unknown to Kapta", totals.of(DownloadOutcome.UNMATCHED));
		summary.put("Kept, change pending", totals.of(DownloadOutcome.KEPT_CHANGE_PENDING));
		summary.put("Malformed addresses on Mailchimp", totals.of(DownloadOutcome.MALFORMED));
		return summary;
	}

	@Override
	public RunReport.Details details() {
		return new RunReport.Details("Email", DownloadOutcome.WORTH_A_LOOK, false);
	}

}
