package com.kapta.mailchimp.tagdownload;

import java.util.EnumSet;
import java.util.Set;

/** What a tag download did, as recorded in its run's outcomes. */
enum DownloadOutcome {

	/** Members read from Mailchimp (one row per chunk, with the count). */
	MEMBERS_READ,
	/**
	 * A Kapta contact whose tags were changed to match its member (or would be, in a dry
	 * run).
	 */
	UPDATED,
	/** A member no Kapta contact has: listed, not created. */
	UNMATCHED,
	/** A contact with a Kapta-side change still waiting to be sent: kept as it is. */
	KEPT_CHANGE_PENDING,
	/** A member whose address Kapta cannot read as an email. */
	MALFORMED,
	/** A tag given to contacts (per tag, with the count). */
	TAG_ADDED,
	/** A tag taken from contacts (per tag, with the count). */
	TAG_REMOVED;

	/** What the report lists row by row. */
	static final Set<DownloadOutcome> WORTH_A_LOOK = EnumSet.of(UPDATED, UNMATCHED, KEPT_CHANGE_PENDING, MALFORMED);

}
