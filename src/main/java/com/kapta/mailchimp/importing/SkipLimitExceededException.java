package com.kapta.mailchimp.importing;

import com.kapta.mailchimp.KaptaException;

/**
 * More rows were skipped than {@code kapta.import.skip-limit} allows: the file fails,
 * resumable after a fix.
 */
class SkipLimitExceededException extends KaptaException {

	SkipLimitExceededException(long skipped, int limit) {
		super(skipped + " rows were skipped or rejected, more than kapta.import.skip-limit (" + limit
				+ "); the report lists them. Fix the file, or raise the limit and resume with 'import --restart'.");
	}

}
