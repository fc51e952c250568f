package com.kapta.mailchimp.batch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The one form of a launch time in job parameters: UTC to the millisecond, so two quick
 * launches are two runs and every stamp has the same width.
 */
public final class LaunchStamp {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
		.withZone(ZoneOffset.UTC);

	private LaunchStamp() {
	}

	public static String format(Instant launchedAt) {
		return FORMAT.format(launchedAt.truncatedTo(ChronoUnit.MILLIS));
	}

	/**
	 * Reads a stamp back; also the {@code Instant.toString()} form that export, import
	 * and push runs of earlier versions stored, so they can still be restarted.
	 */
	public static Instant parse(String stamp) {
		return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(stamp, Instant::from);
	}

}
