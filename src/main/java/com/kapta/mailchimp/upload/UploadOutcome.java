package com.kapta.mailchimp.upload;

import java.util.EnumSet;
import java.util.Set;

import com.kapta.mailchimp.batch.RunOutcomes.Outcome;

/**
 * What an upload did with a contact (and with launch tags), as recorded in its run's
 * outcomes.
 */
enum UploadOutcome {

	/** Created on Mailchimp by this run. */
	ADDED,
	/** Already a member (any status): left untouched. */
	ALREADY_ON_MAILCHIMP,
	/**
	 * Refused by Mailchimp (invalid, fake-looking, forgotten, compliance): remembered,
	 * not retried.
	 */
	REJECTED,
	/** In the do-not-subscribe memory: not sent. */
	SKIPPED_DO_NOT_SUBSCRIBE,
	/** Dry run: would be created. */
	WOULD_ADD,
	/** A launch tag given to the members this run created; the quantity says how many. */
	TAG_APPLIED;

	/** A contact in the do-not-subscribe memory, not sent. */
	static Outcome skipped(UploadCandidate candidate) {
		return Outcome.of(candidate.email(), SKIPPED_DO_NOT_SUBSCRIBE,
				"in the do-not-subscribe memory: " + candidate.doNotSubscribe());
	}

	/**
	 * The outcomes the report lists row by row: every contact that was not simply added.
	 */
	static final Set<UploadOutcome> WORTH_A_LOOK = EnumSet.of(ALREADY_ON_MAILCHIMP, REJECTED, SKIPPED_DO_NOT_SUBSCRIBE,
			WOULD_ADD);

	/** What can happen to a contact (the rest are totals of other things). */
	static final Set<UploadOutcome> CONTACTS = EnumSet.complementOf(EnumSet.of(TAG_APPLIED));

}
