package com.kapta.mailchimp.upload;

import org.jspecify.annotations.Nullable;

/**
 * A Kapta contact not yet known as a member of the audience.
 *
 * @param contactId Kapta's id
 * @param email its address
 * @param firstName FNAME
 * @param lastName LNAME
 * @param doNotSubscribe why the address must not be sent (do-not-subscribe memory), if it
 * is in it
 */
record UploadCandidate(long contactId, String email, @Nullable String firstName, @Nullable String lastName,
		@Nullable String doNotSubscribe) {
}
