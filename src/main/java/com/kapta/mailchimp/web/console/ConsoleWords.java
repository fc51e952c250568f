package com.kapta.mailchimp.web.console;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.KaptaJob;

/**
 * The console's words for what the job repository names in its own: jobs as users know
 * them (never {@code downloadTags}), statuses as badges with words, times in UTC for the
 * page's script to show in the user's own time zone. Pages reach it as
 * {@code ${@consoleWords…}}.
 */
@Component("consoleWords")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ConsoleWords {

	/**
	 * Every job, by name, with its label, in the menus' order (as the enum lists them).
	 */
	private static final Map<String, String> JOBS = jobsByName();

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT);

	/** Every job, by name, with its name as users know it, in the menus' order. */
	public Map<String, String> jobs() {
		return JOBS;
	}

	private static Map<String, String> jobsByName() {
		Map<String, String> jobs = new LinkedHashMap<>();
		for (KaptaJob job : KaptaJob.values()) {
			jobs.put(job.jobName(), job.label());
		}
		return Collections.unmodifiableMap(jobs);
	}

	/** A job's name as users know it. */
	public String job(String name) {
		return KaptaJob.labelOf(name);
	}

	/** A status in words: {@code COMPLETED} is {@code Completed}. */
	public String status(@Nullable Object status) {
		if (status == null) {
			return "";
		}
		String text = status.toString().toLowerCase(Locale.ROOT);
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	/** The badge's colour for a status (Bootstrap's contextual classes). */
	public String badge(@Nullable Object status) {
		return switch (String.valueOf(status)) {
			case "COMPLETED" -> "text-bg-success";
			case "FAILED", "ABANDONED" -> "text-bg-danger";
			case "STOPPED", "STOPPING" -> "text-bg-warning";
			case "STARTING", "STARTED" -> "text-bg-primary";
			default -> "text-bg-secondary";
		};
	}

	/**
	 * A time of the job repository (this JVM's zone) as an ISO instant, for a
	 * {@code <time datetime>} the page's script shows in the reader's zone.
	 */
	public @Nullable String instant(@Nullable LocalDateTime time) {
		return (time != null) ? time.atZone(ZoneId.systemDefault()).toInstant().toString() : null;
	}

	public @Nullable String instant(@Nullable Instant time) {
		return (time != null) ? time.toString() : null;
	}

	/**
	 * The same time in UTC words: what the page shows until its script runs, and on
	 * hover.
	 */
	public String utc(@Nullable LocalDateTime time) {
		return (time != null) ? UTC.format(time.atZone(ZoneId.systemDefault()).withZoneSameInstant(ZoneOffset.UTC))
				: "-";
	}

	public String utc(@Nullable Instant time) {
		return (time != null) ? UTC.format(time.atZone(ZoneOffset.UTC)) : "-";
	}

}
