package com.kapta.mailchimp.upload;

/**
 * A Kapta contact not yet known as a member of the audience.
 *
 * @param contactId Kapta's id
 * @param email its address
 * @param firstName FNAME, or {@code null}
 * @param lastName LNAME, or {@code null}
 * @param doNotSubscribe why the address must not be sent (do-not-subscribe memory), or
 * {@code null}
 */
record UploadCandidate(long contactId, String email, String firstName, String lastName, String doNotSubscribe) {
}
