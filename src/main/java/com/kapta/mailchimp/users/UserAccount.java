package com.kapta.mailchimp.users;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A user as {@code users list} shows it: never a hash.
 *
 * @param hasToken whether an API token is set
 * @param lockedUntil until when failed sign-ins keep the user out, if they do
 */
public record UserAccount(String username, Role role, boolean hasToken, @Nullable Instant lockedUntil,
		Instant createdAt) {

	public boolean lockedAt(Instant now) {
		return this.lockedUntil != null && this.lockedUntil.isAfter(now);
	}

}
