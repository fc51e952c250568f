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
 * @param newMembers the status the members Kapta creates get, as chosen
 * @param audienceDoubleOptIn whether the audience asks new subscribers to confirm, as
 * Mailchimp said when the audience was last verified; {@code null} before that
 */
public record Settings(boolean enabled, @Nullable String apiUrl, Optional<ApiKey> apiKey, boolean keyFromEnvironment,
		@Nullable String audienceName, @Nullable String audienceId, NewMembers newMembers,
		@Nullable Boolean audienceDoubleOptIn) {

	/**
	 * The Mailchimp status the members Kapta creates get now: {@code subscribed} or
	 * {@code pending}.
	 */
	public String newMemberStatus() {
		return this.newMembers.status(this.audienceDoubleOptIn);
	}

	/** The status new members get and why, in the Integrations page's words. */
	public String newMembersExplained() {
		String status = newMemberStatus();
		return switch (this.newMembers) {
			case AUDIENCE -> (this.audienceDoubleOptIn == null)
					? status + " (Save And Synchronize reads whether the audience asks new subscribers to confirm)"
					: this.audienceDoubleOptIn
							? status + ": the audience asks new subscribers to confirm (double opt-in)"
							: status + ": the audience does not ask new subscribers to confirm";
			case SUBSCRIBED -> status + ", as chosen" + (Boolean.TRUE.equals(this.audienceDoubleOptIn)
					? " (the audience asks for double opt-in; Kapta's new members skip the confirmation)" : "");
			case PENDING -> status + ", as chosen: Mailchimp asks each to confirm";
		};
	}

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
