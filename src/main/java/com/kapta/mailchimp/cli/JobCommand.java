package com.kapta.mailchimp.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.KaptaJob;
import com.kapta.mailchimp.batch.RunSummary;

/**
 * A command that runs a job: prints the run's summary and report, and turns its status
 * into the exit code.
 */
abstract class JobCommand extends SpringCommand {

	Integer finish(JobExecution execution) {
		String job = execution.getJobInstance().getJobName();
		if (summary(out(), execution)) {
			return KaptaCli.OK;
		}
		if (execution.getStatus() == BatchStatus.STOPPED) {
			throw new KaptaException(job + " stopped after its last committed chunk; " + KaptaJob.resumeHintOf(job));
		}
		String cause = RunSummary.failureReason(execution);
		throw new KaptaException(job + " failed: " + cause + "; fix the cause and " + KaptaJob.resumeHintOf(job));
	}

	/** Prints the run's summary lines and report; tells whether it completed. */
	static boolean summary(PrintWriter out, JobExecution execution) {
		Duration took = (execution.getStartTime() != null && execution.getEndTime() != null)
				? Duration.between(execution.getStartTime(), execution.getEndTime()) : Duration.ZERO;
		Map<String, String> lines = RunSummary.lines(execution);
		int width = lines.keySet().stream().mapToInt(String::length).max().orElse(0);
		lines.forEach((label, value) -> out.printf("  %-" + width + "s  %s%n", label, value));
		RunSummary.report(execution).ifPresent((report) -> out.println("  Report: " + report.toAbsolutePath()));
		boolean completed = execution.getStatus() == BatchStatus.COMPLETED;
		if (completed) {
			out.printf("%s completed in %.1f s (execution %d).%n", execution.getJobInstance().getJobName(),
					took.toMillis() / 1000.0, execution.getId());
		}
		return completed;
	}

}
