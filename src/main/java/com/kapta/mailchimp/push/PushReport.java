package com.kapta.mailchimp.push;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;

import com.kapta.mailchimp.KaptaJob;
import com.kapta.mailchimp.batch.JobReport;
import com.kapta.mailchimp.batch.RunReport;
import com.kapta.mailchimp.batch.RunTotals;
import com.kapta.mailchimp.contact.Outbox;

/**
 * The push's summary lines, with what still waits; its report lists the changes that
 * failed for good and the contacts not subscribed.
 */
class PushReport implements JobReport {

	private final Outbox outbox;

	PushReport(Outbox outbox) {
		this.outbox = outbox;
	}

	@Override
	public String name() {
		return KaptaJob.PUSH.command();
	}

	@Override
	public Map<String, String> summary(JobExecution job, RunTotals totals) {
		Map<String, String> summary = new LinkedHashMap<>();
		summary.put("Contacts with changes", totals.of(PushOutcome.CONTACTS));
		summary.put("Added to Mailchimp", totals.of(PushOutcome.ADDED_TO_MAILCHIMP));
		summary.put("Already on Mailchimp (unchanged)", totals.of(PushOutcome.ALREADY_ON_MAILCHIMP));
		summary.put("Tags added", totals.perItem(PushOutcome.TAG_ADDED));
		summary.put("Tags removed", totals.perItem(PushOutcome.TAG_REMOVED));
		summary.put("Changes that cancelled out", totals.of(PushOutcome.COALESCED));
		summary.put("Not subscribed (do-not-subscribe)", totals.of(PushOutcome.NOT_SUBSCRIBED));
		summary.put("Failed for good (not sent again)", totals.of(PushOutcome.FAILED));
		summary.put("Changes waiting now", Long.toString(this.outbox.counts().pending()));
		return summary;
	}

	@Override
	public RunReport.Details details() {
		return new RunReport.Details("Email", PushOutcome.LISTED, false);
	}

}
