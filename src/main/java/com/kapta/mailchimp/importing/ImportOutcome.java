package com.kapta.mailchimp.importing;

import java.util.EnumSet;
import java.util.Set;

import com.kapta.mailchimp.batch.RunOutcomes.Outcome;
import com.kapta.mailchimp.workbook.SheetRow;

/** What the import did with a row, or a total it counts. */
enum ImportOutcome {

	/** Rows read (a total per chunk). */
	ROWS_READ,
	/** Contacts this import added to the audience (a total per chunk). */
	ADDED_TO_MAILCHIMP,
	/** Contacts this import created in Kapta (a total per chunk). */
	CREATED_IN_KAPTA,
	/** A tag given to contacts (a total per tag and chunk). */
	TAG_ADDED,
	/** A tag taken from contacts (a total per tag and chunk). */
	TAG_REMOVED,
	/** A row left out: no or invalid email, or an email an earlier row had. */
	SKIPPED,
	/** A row Mailchimp refused (its words are the reason); nothing of it was applied. */
	REJECTED,
	/**
	 * A row whose address Mailchimp will not subscribe: its tags changed in Kapta only.
	 */
	NOT_SUBSCRIBED;

	/** The rows a user should look at, listed one by one in the report. */
	static final Set<ImportOutcome> LISTED = EnumSet.of(SKIPPED, REJECTED, NOT_SUBSCRIBED);

	/** The rows that count against the skip limit. */
	static final Set<ImportOutcome> SKIPS = EnumSet.of(SKIPPED, REJECTED);

	/**
	 * This outcome of one row, for the report (which names the row as Excel numbers it).
	 */
	Outcome of(SheetRow row, String reason) {
		return of(row.email(), row.sheetRow(), reason);
	}

	/** This outcome of the sheet row that had this email. */
	Outcome of(String email, int sheetRow, String reason) {
		return Outcome.of(email.isEmpty() ? "(no email)" : email, this, reason, sheetRow);
	}

}
