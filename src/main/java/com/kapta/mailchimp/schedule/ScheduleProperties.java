package com.kapta.mailchimp.schedule;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;

/**
 * When the service runs the jobs.
 *
 * @param downloadTags cron of the nightly Download To Kapta (second minute hour day month
 * weekday)
 * @param importPoll how often the import drop folder is looked at
 * @param push how often pending Kapta changes are sent to Mailchimp
 */
@ConfigurationProperties("kapta.schedule")
public record ScheduleProperties(@DefaultValue("0 0 2 * * *") String downloadTags,
		@DefaultValue("10s") Duration importPoll, @DefaultValue("60s") Duration push) {

	public ScheduleProperties {
		// refused at start-up rather than at 2 a.m.
		CronExpression.parse(downloadTags);
	}

}
