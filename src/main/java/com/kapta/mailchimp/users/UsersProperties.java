package com.kapta.mailchimp.users;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How sign-ins are guarded.
 *
 * @param lockAfter failed sign-ins in a row that lock a user
 * @param lockFor how long the lock lasts; the right password does not open it meanwhile
 */
@ConfigurationProperties("kapta.users")
public record UsersProperties(@DefaultValue("5") int lockAfter, @DefaultValue("15m") Duration lockFor) {

	public UsersProperties {
		if (lockAfter < 1 || lockFor.isNegative() || lockFor.isZero()) {
			throw new IllegalArgumentException("kapta.users.lock-after must be at least 1 and lock-for positive");
		}
	}

}
