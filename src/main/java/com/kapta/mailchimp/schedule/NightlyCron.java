package com.kapta.mailchimp.schedule;

import java.text.ParseException;
import java.util.Date;

import org.quartz.CronExpression;

import com.kapta.mailchimp.InvalidInputException;

/**
 * The nightly download's cron as users write it (Spring's six fields: second minute hour
 * day month weekday) and as Quartz reads it. Quartz wants one of the day fields to be
 * {@code ?} where the usual cron has {@code *}, and numbers weekdays from Sunday where
 * Spring numbered them from Monday, so numbered weekdays are refused rather than silently
 * shifted by a day; a cron that never fires is refused too.
 */
final class NightlyCron {

	private NightlyCron() {
	}

	/** The cron in Quartz's form, or why it is not a schedule. */
	static String quartz(String cron) {
		String[] fields = cron.strip().split("\\s+");
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
		CronExpression expression;
		try {
			expression = new CronExpression(quartz);
		}
		catch (ParseException ex) {
			throw invalid(cron, ex.getMessage());
		}
		if (expression.getNextValidTimeAfter(new Date()) == null) {
			throw invalid(cron, "it never fires");
		}
		return quartz;
	}

	private static InvalidInputException invalid(String cron, String why) {
		return new InvalidInputException("'" + cron.strip() + "' is not a schedule: " + why);
	}

}
