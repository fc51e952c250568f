package com.kapta.mailchimp.mailchimp;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An audience webhook as Mailchimp returns it.
 *
 * @param id its id
 * @param url where Mailchimp sends the events
 * @param events which events it sends ({@code subscribe}, {@code unsubscribe},
 * {@code profile}, {@code cleaned}, {@code upemail}, {@code campaign})
 * @param sources whose changes it sends ({@code user}, {@code admin}, {@code api})
 * @param signingSecret the secret its deliveries are signed with: only in the answer to
 * its creation
 */
public record Webhook(String id, String url, @Nullable Map<String, Boolean> events,
		@Nullable Map<String, Boolean> sources, @Nullable String signingSecret) {

	/** Whether it sends exactly these events from exactly these sources. */
	public boolean sends(Map<String, Boolean> wantedEvents, Map<String, Boolean> wantedSources) {
		return covers(this.events, wantedEvents) && covers(this.sources, wantedSources);
	}

	private static boolean covers(@Nullable Map<String, Boolean> have, Map<String, Boolean> wanted) {
		return have != null && wanted.entrySet()
			.stream()
			.allMatch((entry) -> entry.getValue().equals(have.getOrDefault(entry.getKey(), false)));
	}

}
