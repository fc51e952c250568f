package com.kapta.mailchimp.mailchimp;

/**
 * A member to add: the address, the status it gets if it is new, and its names (merge fields FNAME and
 * LNAME; {@code null} leaves them out).
 */
public record NewMember(String emailAddress, String status, String firstName, String lastName) {
}
