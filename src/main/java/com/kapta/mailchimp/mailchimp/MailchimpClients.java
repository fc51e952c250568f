package com.kapta.mailchimp.mailchimp;

import java.net.URI;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import com.kapta.mailchimp.settings.Settings;

/**
 * Opens a client on the account the settings name; each job run opens its own and closes
 * it.
 */
@Component
public class MailchimpClients {

	private final MailchimpProperties properties;

	private final JsonMapper json = MailchimpJson.mapper();

	MailchimpClients(MailchimpProperties properties) {
		this.properties = properties;
	}

	public MailchimpClient connect(Settings settings) {
		settings.requireComplete();
		return new MailchimpClient(URI.create(settings.apiUrl()), settings.apiKey().orElseThrow().secret(),
				this.properties, this.json);
	}

	public MailchimpProperties properties() {
		return this.properties;
	}

}
