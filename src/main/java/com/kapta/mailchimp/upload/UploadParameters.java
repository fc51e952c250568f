package com.kapta.mailchimp.upload;

import java.time.Instant;
import java.util.List;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import com.kapta.mailchimp.batch.LaunchStamp;
import com.kapta.mailchimp.contact.TagNames;
import com.kapta.mailchimp.mailchimp.RunSignups;

/**
 * The upload's job parameters, all identifying: the launch tags, whether it is a dry run,
 * and the launch time, which makes every launch a run of its own and stamps the members
 * it creates.
 */
record UploadParameters(List<String> tags, boolean dryRun, Instant launchedAt) {

	private static final String TAGS = "tags";

	private static final String DRY_RUN = "dryRun";

	private static final String LAUNCHED_AT = "launchedAt";

	UploadParameters {
		tags = List.copyOf(tags);
	}

	static UploadParameters of(JobParameters parameters) {
		return new UploadParameters(TagNames.parse(parameters.getString(TAGS), ','),
				Boolean.parseBoolean(parameters.getString(DRY_RUN)),
				LaunchStamp.parse(parameters.getString(LAUNCHED_AT)));
	}

	JobParameters toJobParameters() {
		return new JobParametersBuilder().addString(TAGS, String.join(",", this.tags))
			.addString(DRY_RUN, Boolean.toString(this.dryRun))
			.addString(LAUNCHED_AT, LaunchStamp.format(this.launchedAt))
			.toJobParameters();
	}

	/**
	 * The {@code timestamp_signup} a run stamps on the members it creates: its launch, to
	 * the second.
	 */
	String signupStamp() {
		return RunSignups.stamp(this.launchedAt);
	}

}
