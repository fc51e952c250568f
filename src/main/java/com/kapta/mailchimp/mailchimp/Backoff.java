package com.kapta.mailchimp.mailchimp;

import java.time.Duration;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;

/**
 * How long to wait before a retry: exponential backoff with full jitter, a random wait up
 * to the attempt's ceiling, which doubles from {@code initial} up to {@code max}; never
 * less than Mailchimp's {@code Retry-After}. Full jitter spreads the retries of callers
 * that failed together, so they do not hit the limit together again.
 */
record Backoff(Duration initial, Duration max) {

	/**
	 * The wait before retrying after failed attempt {@code attempt} (1 for the first).
	 */
	Duration before(int attempt, long retryAfterSeconds, RandomGenerator random) {
		long wait = random.nextLong(ceilingMillis(attempt) + 1);
		return Duration.ofMillis(Math.max(wait, retryAfterSeconds * 1000));
	}

	/** The longest jittered wait after attempt {@code attempt}. */
	long ceilingMillis(int attempt) {
		// the shift is capped so that a long run of attempts cannot overflow
		return Math.min(this.max.toMillis(), this.initial.toMillis() << Math.min(attempt - 1, 20));
	}

	/**
	 * A {@code Retry-After} header's seconds; -1 when there is none or it is an HTTP date
	 * (the jittered backoff applies then).
	 */
	static long retryAfterSeconds(@Nullable String header) {
		if (header == null) {
			return -1;
		}
		try {
			return Long.parseLong(header.trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
