package com.kapta.mailchimp.batch;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;

/**
 * What one job's report says: each job gives {@link RunReport#step} its summary lines and
 * what the details sheet lists; the step does the rest.
 */
public interface JobReport {

	/** The report's name: {@code jobs/reports/<name>-<time>-<run>.xlsx}. */
	String name();

	/** The summary sheet's lines, label and value, in order. */
	Map<String, String> summary(JobExecution job, RunTotals totals);

	/** What the details sheet lists. */
	RunReport.Details details();

	/** Where the report goes instead of {@code jobs/reports}, if elsewhere. */
	default Optional<Path> file(JobExecution job) {
		return Optional.empty();
	}

}
