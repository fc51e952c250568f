package com.kapta.mailchimp.contact;

import java.util.List;

import com.kapta.mailchimp.InvalidInputException;

/** A contact to create: a valid, trimmed email, optional names, and its tags. */
public record NewContact(String email, String firstName, String lastName, List<String> tags) {

	/** The longest first or last name Kapta keeps (and Mailchimp's FNAME/LNAME take). */
	public static final int NAME_LIMIT = 255;

	/** Refuses a first or last name longer than Kapta keeps, saying which one. */
	public static void requireNamesFit(String firstName, String lastName) {
		requireFits("first name", firstName);
		requireFits("last name", lastName);
	}

	private static void requireFits(String what, String name) {
		if (name != null && name.length() > NAME_LIMIT) {
			throw new InvalidInputException("The " + what + " has " + name.length() + " characters, more than the "
					+ NAME_LIMIT + " Kapta keeps");
		}
	}

}
