package com.kapta.mailchimp.schedule;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.kapta.mailchimp.InvalidInputException;

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
 * @param controlCheck how often the service applies what an admin changed in the schedule
 * from another process (a command, another instance) and writes down when each trigger
 * fires next
 */
@ConfigurationProperties("kapta.schedule")
public record ScheduleProperties(@DefaultValue("0 0 2 * * *") String downloadTags,
		@DefaultValue("10s") Duration importPoll, @DefaultValue("60s") Duration push,
		@DefaultValue("15s") Duration recoveryCheck, @DefaultValue("5s") Duration clusterCheckin,
		@DefaultValue("2s") Duration controlCheck) {

	public ScheduleProperties {
		// refused at start-up rather than at 2 a.m.
		downloadTagsCron(downloadTags);
		for (Duration every : new Duration[] { importPoll, push, recoveryCheck, clusterCheckin, controlCheck }) {
			if (every.toMillis() < 1) {
				throw new IllegalArgumentException("kapta.schedule intervals must be at least a millisecond");
			}
		}
	}

	/** The nightly cron as Quartz reads it ({@link NightlyCron}). */
	public String downloadTagsCron() {
		return downloadTagsCron(this.downloadTags);
	}

	private static String downloadTagsCron(String cron) {
		try {
			return NightlyCron.quartz(cron);
		}
		catch (InvalidInputException ex) {
			throw new IllegalArgumentException("kapta.schedule.download-tags " + ex.getMessage());
		}
	}

}
