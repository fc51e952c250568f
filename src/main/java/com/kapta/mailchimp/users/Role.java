package com.kapta.mailchimp.users;

import java.util.Locale;

import com.kapta.mailchimp.InvalidInputException;

/**
 * What a user may do. An admin may do everything; the data team exports, imports, edits
 * contacts and their tags and reads the job history, but neither changes the settings nor
 * uploads or downloads.
 */
public enum Role {

	ADMIN, DATA;

	/**
	 * The role as the command line and the database name it: {@code admin}, {@code data}.
	 */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Role of(String label) {
		for (Role role : values()) {
			if (role.label().equalsIgnoreCase(label.strip())) {
				return role;
			}
		}
		throw new InvalidInputException("The role must be admin or data, not '" + label + "'");
	}

}
