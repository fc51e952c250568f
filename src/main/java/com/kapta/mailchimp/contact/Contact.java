package com.kapta.mailchimp.contact;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A Kapta contact as the contact window shows it.
 *
 * @param id Kapta's id
 * @param email the address as entered (identity ignores case)
 * @param firstName first name
 * @param lastName last name
 * @param tags the contact's Mailchimp tags in Kapta, sorted ignoring case
 * @param mailchimpStatus the member's status on the configured audience, when known
 */
public record Contact(long id, String email, @Nullable String firstName, @Nullable String lastName, List<String> tags,
		@Nullable String mailchimpStatus) {
}
