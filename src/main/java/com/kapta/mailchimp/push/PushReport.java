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

/** The run's totals, from its recorded outcomes (every execution's), what still waits, and its report. */
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
		summary.put("Contacts with changes", count(totals, PushOutcome.CONTACTS));
		summary.put("Added to Mailchimp", count(totals, PushOutcome.ADDED_TO_MAILCHIMP));
		summary.put("Already on Mailchimp (unchanged)", count(totals, PushOutcome.ALREADY_ON_MAILCHIMP));
		summary.put("Tags added", perTag(run, PushOutcome.TAG_ADDED));
		summary.put("Tags removed", perTag(run, PushOutcome.TAG_REMOVED));
		summary.put("Changes that cancelled out", count(totals, PushOutcome.COALESCED));
		summary.put("Not subscribed (do-not-subscribe)", count(totals, PushOutcome.NOT_SUBSCRIBED));
		summary.put("Failed for good (not sent again)", count(totals, PushOutcome.FAILED));
		Outbox.Counts left = this.outbox.counts();
		summary.put("Changes waiting now", Long.toString(left.pending()));
		this.report.complete(job, "push", summary, this.sessions.client(job).calls(), "Email", PushOutcome.LISTED);
		return RepeatStatus.FINISHED;
	}

	private String perTag(long run, PushOutcome outcome) {
		String byTag = RunOutcomes.describe(this.outcomes.totalsByItem(run, outcome.name()));
		return byTag.isEmpty() ? "0" : byTag;
	}

	private static String count(Map<String, Long> totals, PushOutcome outcome) {
		return Long.toString(totals.getOrDefault(outcome.name(), 0L));
	}

}
