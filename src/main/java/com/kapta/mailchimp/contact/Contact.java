package com.kapta.mailchimp.contact;

import java.util.List;

/**
 * A Kapta contact as the contact window shows it.
 *
 * @param id Kapta's id
 * @param email the address as entered (identity ignores case)
 * @param firstName first name, or {@code null}
 * @param lastName last name, or {@code null}
 * @param tags the contact's Mailchimp tags in Kapta, sorted ignoring case
 * @param mailchimpStatus the member's status on the configured audience, or {@code null}
 * when not known
 */
public record Contact(long id, String email, String firstName, String lastName, List<String> tags,
		String mailchimpStatus) {
}
