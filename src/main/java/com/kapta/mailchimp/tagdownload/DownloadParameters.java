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
 * @param full whether the full scan was asked for ({@code --full}), whatever would be
 * cheaper
 */
public record DownloadParameters(Trigger trigger, @Nullable Instant launchedAt, @Nullable LocalDate night,
		boolean dryRun, boolean full) {

	private static final String TRIGGER = "trigger";

	private static final String LAUNCHED_AT = "launchedAt";

	private static final String RUN_DATE = "runDate";

	private static final String DRY_RUN = "dryRun";

	private static final String FULL = "full";

	/** Who launched a run, as its {@code trigger} parameter names it. */
	public enum Trigger {

		MANUAL, SCHEDULED

	}

	static DownloadParameters manual(boolean dryRun, boolean full, Instant launchedAt) {
		return new DownloadParameters(Trigger.MANUAL, launchedAt, null, dryRun, full);
	}

	static DownloadParameters scheduled(LocalDate night) {
		return new DownloadParameters(Trigger.SCHEDULED, null, night, false, false);
	}

	public static DownloadParameters of(JobParameters parameters) {
		String launchedAt = parameters.getString(LAUNCHED_AT);
		String night = parameters.getString(RUN_DATE);
		return new DownloadParameters(Trigger.valueOf(parameters.getString(TRIGGER).toUpperCase(Locale.ROOT)),
				(launchedAt != null) ? LaunchStamp.parse(launchedAt) : null,
				(night != null) ? LocalDate.parse(night) : null, Boolean.parseBoolean(parameters.getString(DRY_RUN)),
				Boolean.parseBoolean(parameters.getString(FULL)));
	}

	JobParameters toJobParameters() {
		var builder = new JobParametersBuilder().addString(TRIGGER, this.trigger.name().toLowerCase(Locale.ROOT));
		if (this.launchedAt != null) {
			builder.addString(LAUNCHED_AT, LaunchStamp.format(this.launchedAt));
		}
		if (this.night != null) {
			builder.addString(RUN_DATE, this.night.toString());
		}
		builder.addString(DRY_RUN, Boolean.toString(this.dryRun));
		if (this.full) {
			// only when asked: a scheduled night keeps the identity it always had
			builder.addString(FULL, "true");
		}
		return builder.toJobParameters();
	}

}
