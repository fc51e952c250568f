package com.kapta.mailchimp.settings;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import com.kapta.mailchimp.InvalidInputException;

/**
 * Which status the members Kapta creates get (upload, import and push alike): the
 * Integrations page's <em>New members</em>.
 */
public enum NewMembers {

	/**
	 * As the audience asks: {@code pending} when it asks new subscribers to confirm
	 * (Mailchimp's double opt-in), {@code subscribed} otherwise or while that is unknown.
	 */
	AUDIENCE,

	/** Subscribed at once, without Mailchimp's confirmation mail. */
	SUBSCRIBED,

	/**
	 * Pending: Mailchimp mails each a confirmation, and they are subscribed once they
	 * confirm.
	 */
	PENDING;

	/** The name stored, typed on the command line and sent by the API. */
	public String word() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The Mailchimp status a new member gets under this choice.
	 * @param doubleOptIn whether the audience asks for double opt-in; {@code null} when
	 * not known yet
	 */
	public String status(@Nullable Boolean doubleOptIn) {
		return switch (this) {
			case SUBSCRIBED -> "subscribed";
			case PENDING -> "pending";
			case AUDIENCE -> Boolean.TRUE.equals(doubleOptIn) ? "pending" : "subscribed";
		};
	}

	/** The choice in the Integrations page's words. */
	public String label() {
		return switch (this) {
			case AUDIENCE -> "as the audience asks";
			case SUBSCRIBED -> "subscribed";
			case PENDING -> "pending (Mailchimp asks each to confirm)";
		};
	}

	/** The choice a word names, or a refusal listing the words. */
	public static NewMembers of(String word) {
		String wanted = word.strip().toLowerCase(Locale.ROOT);
		return Arrays.stream(values())
			.filter((choice) -> choice.word().equals(wanted))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException("The new member status must be one of "
					+ Arrays.stream(values()).map(NewMembers::word).collect(Collectors.joining(", ")) + ", not '" + word
					+ "'"));
	}

}
