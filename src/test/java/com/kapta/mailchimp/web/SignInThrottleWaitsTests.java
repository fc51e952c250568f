package com.kapta.mailchimp.web;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.users.UsersProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** The address throttle's waits, without a server: they grow, and stop at the longest. */
@Tag("fast")
class SignInThrottleWaitsTests {

	@Test
	void eachFailureDoublesTheWaitUpToTheLongestHoweverManyThereAre() {
		var throttle = new SignInThrottle(new UsersProperties(5, Duration.ofMinutes(15), 2, Duration.ofMinutes(15)));
		assertThat(throttle.failed("192.0.2.7")).isZero();
		assertThat(throttle.failed("192.0.2.7")).isCloseTo(Duration.ofSeconds(1), Duration.ofMillis(50));
		assertThat(throttle.failed("192.0.2.7")).isCloseTo(Duration.ofSeconds(2), Duration.ofMillis(50));
		assertThat(throttle.failed("192.0.2.7")).isCloseTo(Duration.ofSeconds(4), Duration.ofMillis(50));
		for (int i = 0; i < 100; i++) {
			Duration wait = throttle.failed("192.0.2.7");
			assertThat(wait).as("failure %d", i).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15));
		}
		assertThat(throttle.waitFor("192.0.2.7"))
			.hasValueSatisfying((wait) -> assertThat(wait).isGreaterThan(Duration.ofMinutes(14)));
		assertThat(throttle.waitFor("198.51.100.1")).as("another address").isEmpty();

		throttle.succeeded("192.0.2.7");
		assertThat(throttle.waitFor("192.0.2.7")).isEmpty();
	}

}
