package com.kapta.mailchimp.settings;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The settings row (everything but the API key, see {@link ApiKeyStore}). */
@Repository
class SettingsRepository {

	record StoredSettings(boolean enabled, String apiUrl, String audienceName, String audienceId,
			String newMemberStatus, Boolean audienceDoubleOptin) {
	}

	private final JdbcClient jdbc;

	SettingsRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	StoredSettings load() {
		return this.jdbc.sql("""
				SELECT enabled, api_url, audience_name, audience_id, new_member_status, audience_double_optin
				FROM integration_settings WHERE id = 1""").query(StoredSettings.class).single();
	}

	void save(StoredSettings settings) {
		this.jdbc.sql("""
				UPDATE integration_settings
				SET enabled = ?, api_url = ?, audience_name = ?, audience_id = ?, new_member_status = ?,
				    audience_double_optin = ?, updated_at = CURRENT_TIMESTAMP
				WHERE id = 1""")
			.params(settings.enabled(), settings.apiUrl(), settings.audienceName(), settings.audienceId(),
					settings.newMemberStatus(), settings.audienceDoubleOptin())
			.update();
	}

}
