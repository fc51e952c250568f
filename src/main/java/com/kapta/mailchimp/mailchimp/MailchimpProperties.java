package com.kapta.mailchimp.mailchimp;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Kapta talks to Mailchimp.
 *
 * @param maxConnections simultaneous connections; Mailchimp allows 10 per user and
 * answers 429 beyond
 * @param connectTimeout how long to wait for a connection to open
 * @param responseTimeout how long to wait for an answer; Mailchimp ends calls at 120 s
 * @param maxAttempts attempts per call when Mailchimp throttles, fails (5xx) or does not
 * answer
 * @param initialBackoff the first retry waits up to this long (full jitter), doubling per
 * attempt
 * @param maxBackoff the longest wait between two attempts (unless Mailchimp's Retry-After
 * asks more)
 */
@ConfigurationProperties("kapta.mailchimp")
public record MailchimpProperties(@DefaultValue("10") int maxConnections, @DefaultValue("10s") Duration connectTimeout,
		@DefaultValue("120s") Duration responseTimeout, @DefaultValue("6") int maxAttempts,
		@DefaultValue("500ms") Duration initialBackoff, @DefaultValue("30s") Duration maxBackoff) {

	public MailchimpProperties {
		if (maxConnections < 1 || maxAttempts < 1) {
			throw new IllegalArgumentException("kapta.mailchimp.max-connections and max-attempts must be at least 1");
		}
	}

}
