package com.kapta.mailchimp.mailchimp;

import org.jspecify.annotations.Nullable;

/**
 * A member to add: the address, the status it gets if it is new, its names (merge fields
 * FNAME and LNAME; {@code null} leaves them out), and when it signed up
 * ({@code timestamp_signup}, ISO 8601, if known). A run stamps the members it adds with
 * its own launch time, which later tells the members it created from those that were
 * there before.
 */
public record NewMember(String emailAddress, String status, @Nullable String firstName, @Nullable String lastName,
		@Nullable String timestampSignup) {

	public NewMember(String emailAddress, String status, @Nullable String firstName, @Nullable String lastName) {
		this(emailAddress, status, firstName, lastName, null);
	}

}
