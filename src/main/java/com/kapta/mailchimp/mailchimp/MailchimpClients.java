package com.kapta.mailchimp.mailchimp;

import java.net.URI;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import com.kapta.mailchimp.settings.Settings;

/**
 * Opens a client on the account the settings name; each job run opens its own and closes
 * it. All of them take their connections from one budget, so runs side by side, in this
 * process and (on PostgreSQL) in the others, stay within Mailchimp's limit together.
 */
@Component
public class MailchimpClients {

	private final MailchimpProperties properties;

	private final JsonMapper json = MailchimpJson.mapper();

	private final ConnectionBudget budget;

	MailchimpClients(MailchimpProperties properties, ConnectionBudget budget) {
		this.properties = properties;
		this.budget = budget;
	}

	public MailchimpClient connect(Settings settings) {
		settings.requireComplete();
		return new MailchimpClient(URI.create(settings.apiUrl()), settings.apiKey().orElseThrow().secret(),
				this.properties, this.json, this.budget);
	}

	public MailchimpProperties properties() {
		return this.properties;
	}

}
