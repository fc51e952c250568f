package com.kapta.mailchimp.settings;

import java.util.regex.Pattern;

import com.kapta.mailchimp.InvalidInputException;

/**
 * A Mailchimp API key: {@code <32 hex>-<data center>}. A secret: {@link #toString()} is
 * masked so the key cannot reach a log line, a message or a screen by accident; only
 * {@link #secret()} gives the value, for the HTTP client's Authorization header.
 */
public final class ApiKey {

	private static final Pattern FORMAT = Pattern.compile("[0-9a-fA-F]{32}-([a-z]{2,}[0-9]+)");

	private final String value;

	private final String dataCenter;

	private ApiKey(String value, String dataCenter) {
		this.value = value;
		this.dataCenter = dataCenter;
	}

	/** The key, or a refusal that never repeats what was given. */
	public static ApiKey parse(String text) {
		var matcher = FORMAT.matcher(text == null ? "" : text.trim());
		if (!matcher.matches()) {
			throw new InvalidInputException("An API key must look like <32 hex characters>-<data center>, "
					+ "as Mailchimp shows it under Account, Extras, API keys");
		}
		return new ApiKey(matcher.group(), matcher.group(1));
	}

	/** The data center, the part after the dash: {@code us6}. */
	public String dataCenter() {
		return this.dataCenter;
	}

	/** What may be shown: {@code ****-us6}. */
	public String masked() {
		return "****-" + this.dataCenter;
	}

	public String secret() {
		return this.value;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ApiKey key && key.value.equals(this.value);
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public String toString() {
		return masked();
	}

}
