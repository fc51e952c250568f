package com.kapta.mailchimp.contact;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Each contact's history.
 *
 * @param keep how long a change stays in a contact's history; the service deletes older
 * ones once a day
 * @param enabled whether changes are recorded at all (the benchmark measures a download
 * without them, to show what the history costs)
 */
@ConfigurationProperties("kapta.history")
public record HistoryProperties(@DefaultValue("400d") Duration keep, @DefaultValue("true") boolean enabled) {

	public HistoryProperties {
		if (keep.isNegative() || keep.isZero()) {
			throw new IllegalArgumentException("kapta.history.keep must be longer than nothing, e.g. 400d");
		}
	}

}
