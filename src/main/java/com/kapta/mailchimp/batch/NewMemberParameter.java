package com.kapta.mailchimp.batch;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import com.kapta.mailchimp.settings.Settings;

/**
 * The status a run gives the members it creates (upload, import, push): the settings' at
 * its launch, kept as a job parameter that does not identify the run, so that a restart
 * after a kill creates the rest alike whatever the settings say by then, and the run's
 * parameters tell which it was.
 */
public final class NewMemberParameter {

	private static final String NAME = "newMemberStatus";

	private NewMemberParameter() {
	}

	/** The launch's parameters with the status new members get now. */
	public static JobParameters with(JobParameters parameters, Settings settings) {
		return new JobParametersBuilder(parameters).addString(NAME, settings.newMemberStatus(), false)
			.toJobParameters();
	}

	/**
	 * The run's status for new members; for a run launched before runs kept it, the
	 * settings' now.
	 */
	public static String of(JobParameters parameters, Settings settings) {
		String status = parameters.getString(NAME);
		return (status != null) ? status : settings.newMemberStatus();
	}

}
