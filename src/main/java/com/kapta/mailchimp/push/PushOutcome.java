package com.kapta.mailchimp.push;

import java.util.EnumSet;
import java.util.Set;

/** What the push did with a contact's changes, or a total it counts. */
enum PushOutcome {

	/** Contacts with changes (a total per chunk). */
	CONTACTS,
	/** Contacts the push added to the audience (a total per chunk). */
	ADDED_TO_MAILCHIMP,
	/** New Kapta contacts Mailchimp already had: left as they are (a total per chunk). */
	ALREADY_ON_MAILCHIMP,
	/** A tag given to members (a total per tag and chunk). */
	TAG_ADDED,
	/** A tag taken from members (a total per tag and chunk). */
	TAG_REMOVED,
	/**
	 * Changes that cancelled out (a tag added then removed): nothing sent (a total per
	 * chunk).
	 */
	COALESCED,
	/** A change Mailchimp refused for good, with its words: recorded, not sent again. */
	FAILED,
	/** A new contact in the do-not-subscribe memory: not subscribed. */
	NOT_SUBSCRIBED;

	/** What the report lists one by one. */
	static final Set<PushOutcome> LISTED = EnumSet.of(FAILED, NOT_SUBSCRIBED);

}
