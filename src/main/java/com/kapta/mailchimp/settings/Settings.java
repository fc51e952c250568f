package com.kapta.mailchimp.settings;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.kapta.mailchimp.InvalidInputException;

/**
 * The integration settings in effect, as on Kapta's settings screen.
 *
 * @param enabled whether the integration is on
 * @param apiUrl the Mailchimp API base URL, e.g.
 * {@code https://us6.api.mailchimp.com/3.0}; missing until set
 * @param apiKey the API key, stored or from {@code MAILCHIMP_API_KEY}; empty when neither
 * is set
 * @param keyFromEnvironment whether the key comes from {@code MAILCHIMP_API_KEY}
 * @param audienceName the audience (list) that Kapta's contacts join; missing until set
 * @param audienceId the audience's id, once verified against Mailchimp
 */
public record Settings(boolean enabled, @Nullable String apiUrl, Optional<ApiKey> apiKey, boolean keyFromEnvironment,
		@Nullable String audienceName, @Nullable String audienceId) {

	/** Whether everything a job needs to reach the audience is set. */
	public boolean complete() {
		return this.apiUrl != null && this.apiKey.isPresent() && this.audienceName != null;
	}

	/** These settings, or a refusal naming what to set. */
	public Settings requireComplete() {
		if (!complete()) {
			throw new InvalidInputException(
					"The Mailchimp settings are incomplete: set the API URL, API key and audience with 'settings save'");
		}
		return this;
	}

}
