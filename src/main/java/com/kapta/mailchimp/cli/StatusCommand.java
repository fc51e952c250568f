package com.kapta.mailchimp.cli;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import com.kapta.mailchimp.batch.JobHistory;
import com.kapta.mailchimp.batch.JobHistory.JobRun;
import com.kapta.mailchimp.contact.Outbox;

/** The recent job executions from the shared job repository. */
@Command(name = "status",
		description = "Lists recent job executions: job, parameters, status, start, duration, counts.")
class StatusCommand extends SpringCommand {

	private static final String ROW = "%-14s %6s %-10s %-19s %9s %8s %8s %8s  %s%n";

	private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	@Option(names = "--limit", defaultValue = "20", paramLabel = "N",
			description = "How many executions (default ${DEFAULT-VALUE}).")
	int limit;

	@Override
	public Integer call() {
		Outbox.Counts changes = bean(Outbox.class).counts();
		out().println("Kapta changes waiting to be sent to Mailchimp: " + changes.pending() + "; failed for good: "
				+ changes.failed() + ((changes.pending() > 0) ? " ('./run.sh push' or the service sends them)" : ""));
		List<JobRun> runs = bean(JobHistory.class).recent(this.limit);
		if (runs.isEmpty()) {
			out().println("No job has run yet.");
			return KaptaCli.OK;
		}
		out().printf(ROW, "JOB", "ID", "STATUS", "STARTED", "DURATION", "READ", "WRITTEN", "SKIPPED", "PARAMETERS");
		for (JobRun run : runs) {
			out().printf(ROW, run.job(), run.executionId(), run.status(),
					run.started() != null ? START.format(run.started()) : "-", format(run.duration()), run.read(),
					run.written(), run.skipped(), run.parameters());
		}
		return KaptaCli.OK;
	}

	private static String format(Duration duration) {
		return duration.toHours() > 0 ? String.format("%dh%02dm", duration.toHours(), duration.toMinutesPart())
				: String.format("%dm%02ds", duration.toMinutes(), duration.toSecondsPart());
	}

}
