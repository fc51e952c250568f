package com.kapta.mailchimp.sandbox;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
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

	/**
	 * As the caller gave it when adding the member ({@code timestamp_signup}), or empty.
	 */
	String timestampSignup = "";

	SandboxMember(String hash, String email, String status, String firstName, String lastName) {
		this.hash = hash;
		this.email = email;
		this.status = status;
		this.firstName = firstName;
		this.lastName = lastName;
	}

	/** Takes FNAME and LNAME of a request's {@code merge_fields}. */
	@SuppressWarnings("unchecked")
	void takeFields(Map<String, Object> request) {
		if (request.get("merge_fields") instanceof Map<?, ?> map) {
			Map<String, Object> merge = (Map<String, Object>) map;
			if (merge.containsKey("FNAME")) {
				this.firstName = String.valueOf(merge.get("FNAME"));
			}
			if (merge.containsKey("LNAME")) {
				this.lastName = String.valueOf(merge.get("LNAME"));
			}
		}
	}

	/**
	 * A new member: its fields, and the sign-up time the request gives (an existing
	 * member keeps its own).
	 */
	static SandboxMember joining(String hash, String email, String status, Map<String, Object> request) {
		var member = new SandboxMember(hash, email, status, null, null);
		member.takeFields(request);
		member.timestampSignup = String.valueOf(request.getOrDefault("timestamp_signup", ""));
		return member;
	}

	/** The same member under another address (Mailchimp keeps its data and tags). */
	SandboxMember withEmail(String newHash, String newEmail) {
		SandboxMember moved = new SandboxMember(newHash, newEmail, this.status, this.firstName, this.lastName);
		moved.tagIds.addAll(this.tagIds);
		moved.timestampSignup = this.timestampSignup;
		return moved;
	}

	void changed() {
		this.lastChanged = Instant.now();
	}

}
