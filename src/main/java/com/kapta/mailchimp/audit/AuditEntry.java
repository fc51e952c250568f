package com.kapta.mailchimp.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One recorded action.
 *
 * @param subject what it concerns (a job, a user, a contact's email, a file's name)
 * @param runId the job execution it launched, restarted or stopped
 */
public record AuditEntry(long id, Instant at, String actor, Actor.Channel channel, @Nullable String address,
		AuditEvent event, @Nullable String subject, @Nullable Long runId, @Nullable String detail) {

	/** "admin (console, 127.0.0.1)". */
	public String by() {
		return new Actor(this.actor, this.channel, this.address).describe();
	}

}
