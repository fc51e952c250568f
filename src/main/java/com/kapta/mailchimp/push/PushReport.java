package com.kapta.mailchimp.push;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.kapta.mailchimp.batch.JobSessions;
import com.kapta.mailchimp.batch.RunOutcomes;
import com.kapta.mailchimp.batch.RunReport;
import com.kapta.mailchimp.contact.Outbox;

/**
 * The run's totals, from its recorded outcomes (every execution's), what still waits, and
 * its report.
 */
class PushReport implements Tasklet {

	private final RunOutcomes outcomes;

	private final RunReport report;

	private final JobSessions sessions;

	private final Outbox outbox;

	PushReport(RunOutcomes outcomes, RunReport report, JobSessions sessions, Outbox outbox) {
		this.outcomes = outcomes;
		this.report = report;
		this.sessions = sessions;
		this.outbox = outbox;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
		long run = job.getJobInstance().getInstanceId();
		Map<String, Long> totals = this.outcomes.totals(run);
		Map<String, String> summary = new LinkedHashMap<>();
		summary.put("Contacts with changes", RunOutcomes.total(totals, PushOutcome.CONTACTS));
		summary.put("Added to Mailchimp", RunOutcomes.total(totals, PushOutcome.ADDED_TO_MAILCHIMP));
		summary.put("Already on Mailchimp (unchanged)", RunOutcomes.total(totals, PushOutcome.ALREADY_ON_MAILCHIMP));
		summary.put("Tags added", this.outcomes.describeByItem(run, PushOutcome.TAG_ADDED));
		summary.put("Tags removed", this.outcomes.describeByItem(run, PushOutcome.TAG_REMOVED));
		summary.put("Changes that cancelled out", RunOutcomes.total(totals, PushOutcome.COALESCED));
		summary.put("Not subscribed (do-not-subscribe)", RunOutcomes.total(totals, PushOutcome.NOT_SUBSCRIBED));
		summary.put("Failed for good (not sent again)", RunOutcomes.total(totals, PushOutcome.FAILED));
		Outbox.Counts left = this.outbox.counts();
		summary.put("Changes waiting now", Long.toString(left.pending()));
		this.report.complete(job, "push", summary, this.sessions.client(job).calls(), "Email", PushOutcome.LISTED);
		return RepeatStatus.FINISHED;
	}

}
