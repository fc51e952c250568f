package com.kapta.mailchimp.tagdownload;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import com.kapta.mailchimp.batch.LaunchStamp;

/**
 * The download's job parameters, all identifying. A manual run is identified by its
 * launch time (every launch is a run of its own); a scheduled run by its night alone, so
 * a service restarted the same night resumes that night's run instead of starting
 * another.
 *
 * @param trigger who launched it
 * @param launchedAt when a manual run was launched; {@code null} for a scheduled one
 * @param night the night a scheduled run belongs to; {@code null} for a manual one
 * @param dryRun whether Kapta is left unchanged
 */
public record DownloadParameters(Trigger trigger, @Nullable Instant launchedAt, @Nullable LocalDate night,
		boolean dryRun) {

	private static final String TRIGGER = "trigger";

	private static final String LAUNCHED_AT = "launchedAt";

	private static final String RUN_DATE = "runDate";

	private static final String DRY_RUN = "dryRun";

	/** Who launched a run, as its {@code trigger} parameter names it. */
	public enum Trigger {

		MANUAL, SCHEDULED

	}

	static DownloadParameters manual(boolean dryRun, Instant launchedAt) {
		return new DownloadParameters(Trigger.MANUAL, launchedAt, null, dryRun);
	}

	static DownloadParameters scheduled(LocalDate night) {
		return new DownloadParameters(Trigger.SCHEDULED, null, night, false);
	}

	public static DownloadParameters of(JobParameters parameters) {
		String launchedAt = parameters.getString(LAUNCHED_AT);
		String night = parameters.getString(RUN_DATE);
		return new DownloadParameters(Trigger.valueOf(parameters.getString(TRIGGER).toUpperCase(Locale.ROOT)),
				(launchedAt != null) ? LaunchStamp.parse(launchedAt) : null,
				(night != null) ? LocalDate.parse(night) : null, Boolean.parseBoolean(parameters.getString(DRY_RUN)));
	}

	JobParameters toJobParameters() {
		var builder = new JobParametersBuilder().addString(TRIGGER, this.trigger.name().toLowerCase(Locale.ROOT));
		if (this.launchedAt != null) {
			builder.addString(LAUNCHED_AT, LaunchStamp.format(this.launchedAt));
		}
		if (this.night != null) {
			builder.addString(RUN_DATE, this.night.toString());
		}
		return builder.addString(DRY_RUN, Boolean.toString(this.dryRun)).toJobParameters();
	}

}
