package com.kapta.mailchimp.schedule;

import java.text.ParseException;
import java.time.Duration;

import org.quartz.CronExpression;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the service runs the jobs.
 *
 * @param downloadTags cron of the nightly Download To Kapta (second minute hour day month
 * weekday; weekdays by name, MON to SUN)
 * @param importPoll how often the import drop folder is looked at
 * @param push how often pending Kapta changes are sent to Mailchimp
 * @param recoveryCheck how often the service (on PostgreSQL one of the instances) looks
 * for runs whose process died and resumes them
 * @param clusterCheckin how often each instance tells the others (through Quartz's
 * tables) that it lives; one that misses its check-in by 7.5 s has its scheduled work
 * fired again elsewhere
 */
@ConfigurationProperties("kapta.schedule")
public record ScheduleProperties(@DefaultValue("0 0 2 * * *") String downloadTags,
		@DefaultValue("10s") Duration importPoll, @DefaultValue("60s") Duration push,
		@DefaultValue("15s") Duration recoveryCheck, @DefaultValue("5s") Duration clusterCheckin) {

	public ScheduleProperties {
		// refused at start-up rather than at 2 a.m.
		downloadTagsCron(downloadTags);
		for (Duration every : new Duration[] { importPoll, push, recoveryCheck, clusterCheckin }) {
			if (every.toMillis() < 1) {
				throw new IllegalArgumentException("kapta.schedule intervals must be at least a millisecond");
			}
		}
	}

	/**
	 * The nightly cron as Quartz reads it: Quartz wants one of the day fields to be
	 * {@code ?} where the usual cron has {@code *}, and numbers weekdays from Sunday
	 * where Spring numbered them from Monday, so numbered weekdays are refused rather
	 * than silently shifted by a day.
	 */
	public String downloadTagsCron() {
		return downloadTagsCron(this.downloadTags);
	}

	private static String downloadTagsCron(String cron) {
		String[] fields = cron.trim().split("\\s+");
		if (fields.length != 6) {
			throw invalid(cron, "it needs six fields: second minute hour day month weekday");
		}
		if (fields[5].matches(".*\\d.*")) {
			throw invalid(cron, "name the weekdays (MON-FRI), not number them");
		}
		if (fields[3].equals("*") || fields[3].equals("?")) {
			fields[3] = "?";
		}
		else if (fields[5].equals("*") || fields[5].equals("?")) {
			fields[5] = "?";
		}
		else {
			throw invalid(cron, "give days of the month or weekdays, not both");
		}
		String quartz = String.join(" ", fields);
		try {
			CronExpression.validateExpression(quartz);
		}
		catch (ParseException ex) {
			throw invalid(cron, ex.getMessage());
		}
		return quartz;
	}

	private static IllegalArgumentException invalid(String cron, String why) {
		return new IllegalArgumentException("kapta.schedule.download-tags '" + cron + "' is not a schedule: " + why);
	}

}
