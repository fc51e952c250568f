package com.kapta.mailchimp.push;

import java.time.Instant;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import com.kapta.mailchimp.batch.LaunchStamp;
import com.kapta.mailchimp.mailchimp.RunSignups;

/** The push's one job parameter: its launch time (every push is a run of its own). */
record PushParameters(Instant launchedAt) {

	private static final String LAUNCHED_AT = "launchedAt";

	static PushParameters of(JobParameters parameters) {
		return new PushParameters(LaunchStamp.parse(parameters.getString(LAUNCHED_AT)));
	}

	JobParameters toJobParameters() {
		return new JobParametersBuilder().addString(LAUNCHED_AT, LaunchStamp.format(this.launchedAt)).toJobParameters();
	}

	/**
	 * The {@code timestamp_signup} a run stamps on the members it creates: its launch, to
	 * the second.
	 */
	String signupStamp() {
		return RunSignups.stamp(this.launchedAt);
	}

}
