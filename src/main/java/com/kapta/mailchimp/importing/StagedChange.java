package com.kapta.mailchimp.importing;

import com.kapta.mailchimp.mailchimp.TagCall;

/**
 * A staged tag change, ready to send: the row that asked for it and its contact in Kapta.
 *
 * @param tag the audience's spelling
 */
record StagedChange(String email, int sheetRow, long contactId, String tag, boolean add) implements TagCall.Change {
}
