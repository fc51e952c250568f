package com.kapta.mailchimp.upload;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import com.kapta.mailchimp.contact.TagNames;
import com.kapta.mailchimp.mailchimp.RunSignups;

/**
 * The upload's job parameters, all identifying: the launch tags, whether it is a dry run,
 * and the launch time, which makes every launch a run of its own and stamps the members
 * it creates.
 */
final class UploadParameters {

	static final String TAGS = "tags";

	static final String DRY_RUN = "dryRun";

	static final String LAUNCHED_AT = "launchedAt";

	/** Identifies the launch (to the millisecond, so two quick launches are two runs). */
	private static final DateTimeFormatter LAUNCH = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
		.withZone(ZoneOffset.UTC);

	private UploadParameters() {
	}

	static JobParameters of(List<String> tags, boolean dryRun, Instant launchedAt) {
		return new JobParametersBuilder().addString(TAGS, String.join(",", tags))
			.addString(DRY_RUN, Boolean.toString(dryRun))
			.addString(LAUNCHED_AT, LAUNCH.format(launchedAt.truncatedTo(ChronoUnit.MILLIS)))
			.toJobParameters();
	}

	/**
	 * The {@code timestamp_signup} a run stamps on the members it creates: its launch, to
	 * the second.
	 */
	static String signupStamp(String launchedAt) {
		return RunSignups.stamp(launchedAt(launchedAt));
	}

	private static Instant launchedAt(String launchedAt) {
		return LAUNCH.parse(launchedAt, Instant::from);
	}

	static List<String> tags(String parameter) {
		return TagNames.parse(parameter, ',');
	}

}
