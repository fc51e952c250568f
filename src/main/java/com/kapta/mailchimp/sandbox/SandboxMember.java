package com.kapta.mailchimp.sandbox;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** A member of a sandbox audience. Guarded by its audience's lock. */
final class SandboxMember {

	final String hash;

	final String email;

	String status;

	String firstName;

	String lastName;

	/** Ids of the tags (static segments) the member has, in the order they were added. */
	final Set<Long> tagIds = new LinkedHashSet<>();

	Instant lastChanged = Instant.now();

	/** As the caller gave it when adding the member ({@code timestamp_signup}), or empty. */
	String timestampSignup = "";

	SandboxMember(String hash, String email, String status, String firstName, String lastName) {
		this.hash = hash;
		this.email = email;
		this.status = status;
		this.firstName = firstName;
		this.lastName = lastName;
	}

	void changed() {
		this.lastChanged = Instant.now();
	}

}
