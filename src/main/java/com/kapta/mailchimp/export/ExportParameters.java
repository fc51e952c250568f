package com.kapta.mailchimp.export;

import java.nio.file.Path;
import java.time.Instant;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import com.kapta.mailchimp.batch.LaunchStamp;

/**
 * The export's job parameters: the workbook it writes and its launch time (every export
 * is a run of its own).
 */
record ExportParameters(Path out, boolean withHistory, Instant launchedAt) {

	private static final String OUT = "out";

	private static final String WITH_HISTORY = "withHistory";

	private static final String LAUNCHED_AT = "launchedAt";

	static ExportParameters of(JobParameters parameters) {
		// runs of earlier versions have no withHistory: they wrote none
		return new ExportParameters(Path.of(parameters.getString(OUT)),
				Boolean.parseBoolean(parameters.getString(WITH_HISTORY)),
				LaunchStamp.parse(parameters.getString(LAUNCHED_AT)));
	}

	JobParameters toJobParameters() {
		return new JobParametersBuilder().addString(OUT, this.out.toString())
			.addString(WITH_HISTORY, Boolean.toString(this.withHistory))
			.addString(LAUNCHED_AT, LaunchStamp.format(this.launchedAt))
			.toJobParameters();
	}

}
