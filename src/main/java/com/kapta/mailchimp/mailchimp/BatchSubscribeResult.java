package com.kapta.mailchimp.mailchimp;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Mailchimp's answer to a batch subscribe: members it created, members it updated (none
 * when {@code update_existing} is false), and per-address errors, which come inside a 200
 * answer.
 */
public record BatchSubscribeResult(List<Member> newMembers, List<Member> updatedMembers, List<Error> errors,
		int totalCreated, int totalUpdated, int errorCount, @JsonIgnore boolean answerLostBefore) {

	/**
	 * Whether an earlier attempt of this call lost its answer: members it created then
	 * come back now as existing ({@link #CONTACT_EXISTS}), so "existing" does not prove
	 * they were there before.
	 */
	public boolean answerLostBefore() {
		return this.answerLostBefore;
	}

	BatchSubscribeResult withAnswerLostBefore(boolean lost) {
		return new BatchSubscribeResult(this.newMembers, this.updatedMembers, this.errors, this.totalCreated,
				this.totalUpdated, this.errorCount, lost);
	}

	/** Mailchimp's code for an address that is already a member (left untouched). */
	public static final String CONTACT_EXISTS = "ERROR_CONTACT_EXISTS";

	/**
	 * One address Mailchimp did not add.
	 *
	 * @param emailAddress the address
	 * @param error Mailchimp's reason, in its words
	 * @param errorCode {@link #CONTACT_EXISTS} or {@code ERROR_GENERIC}
	 */
	public record Error(String emailAddress, String error, String errorCode) {

		public boolean contactExists() {
			return CONTACT_EXISTS.equals(this.errorCode);
		}

	}

}
