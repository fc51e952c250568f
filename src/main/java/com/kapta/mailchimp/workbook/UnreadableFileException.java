package com.kapta.mailchimp.workbook;

import com.kapta.mailchimp.KaptaException;

/**
 * A file the import cannot read at all; its message is the one sentence that goes beside
 * it in failed/.
 */
public class UnreadableFileException extends KaptaException {

	UnreadableFileException(String reason) {
		super(reason);
	}

	UnreadableFileException(String reason, Throwable cause) {
		super(reason, cause);
	}

}
