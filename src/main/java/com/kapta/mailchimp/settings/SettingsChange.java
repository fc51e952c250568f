package com.kapta.mailchimp.settings;

import org.jspecify.annotations.Nullable;

/**
 * What {@code settings save} was asked to change; {@code null} leaves a setting as it is,
 * an empty text clears it (an empty API URL is derived from the key's data center).
 * {@code newMemberStatus} is a {@link NewMembers} word: audience, subscribed or pending.
 */
public record SettingsChange(@Nullable Boolean enabled, @Nullable String apiUrl, @Nullable String apiKey,
		@Nullable String audienceName, @Nullable String newMemberStatus) {

	/** A change that leaves the new member status as it is. */
	public SettingsChange(@Nullable Boolean enabled, @Nullable String apiUrl, @Nullable String apiKey,
			@Nullable String audienceName) {
		this(enabled, apiUrl, apiKey, audienceName, null);
	}

}
