package com.kapta.mailchimp.users;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How sign-ins are guarded.
 *
 * @param lockAfter failed sign-ins in a row that lock a user
 * @param lockFor how long the lock lasts; the right password does not open it meanwhile
 * @param throttleAfter failed sign-ins from one client address (whichever users) after
 * which its every further failure makes it wait, one second and then twice as long each
 * time, before its next sign-in is even checked
 * @param throttleMax the longest such wait
 */
@ConfigurationProperties("kapta.users")
public record UsersProperties(@DefaultValue("5") int lockAfter, @DefaultValue("15m") Duration lockFor,
		@DefaultValue("5") int throttleAfter, @DefaultValue("15m") Duration throttleMax) {

	public UsersProperties {
		if (lockAfter < 1 || lockFor.isNegative() || lockFor.isZero()) {
			throw new IllegalArgumentException("kapta.users.lock-after must be at least 1 and lock-for positive");
		}
		if (throttleAfter < 1 || throttleMax.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException(
					"kapta.users.throttle-after must be at least 1 and throttle-max at least 1s");
		}
	}

}
