package com.kapta.mailchimp.settings;

import org.jspecify.annotations.Nullable;

/**
 * What {@code settings save} was asked to change; {@code null} leaves a setting as it is,
 * an empty text clears it (an empty API URL is derived from the key's data center).
 */
public record SettingsChange(@Nullable Boolean enabled, @Nullable String apiUrl, @Nullable String apiKey,
		@Nullable String audienceName) {
}
