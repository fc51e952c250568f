package com.kapta.mailchimp.importing;

import java.util.Collection;
import java.util.Map;

/**
 * The emails earlier rows of the sheet took, each with the row that had it first: a later
 * row with one of them is skipped (the first row wins), across chunks and restarts.
 */
interface TakenEmails {

	/**
	 * Those of these emails ({@link com.kapta.mailchimp.EmailKey}) an earlier chunk took,
	 * with the row that had each first.
	 */
	Map<String, Integer> firstRows(Collection<String> emails);

	/** Notes a chunk's new emails, each with its row. */
	void take(Map<String, Integer> rows);

}
