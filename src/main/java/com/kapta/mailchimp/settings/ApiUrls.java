package com.kapta.mailchimp.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

import com.kapta.mailchimp.InvalidInputException;

/** Checks of the API URL that need no network. */
final class ApiUrls {

	private static final Pattern MAILCHIMP_HOST = Pattern.compile("([a-z]{2,}[0-9]+)\\.api\\.mailchimp\\.com");

	private ApiUrls() {
	}

	static String forDataCenter(String dataCenter) {
		return "https://" + dataCenter + ".api.mailchimp.com/3.0";
	}

	/**
	 * The URL without a trailing slash. Mailchimp answers only over TLS, so plain http is
	 * accepted only for this machine (the sandbox on 127.0.0.1).
	 */
	static String normalize(String text) {
		URI uri;
		try {
			uri = new URI(text.trim());
		}
		catch (URISyntaxException ex) {
			throw new InvalidInputException("The API URL is not a URL: " + ex.getReason());
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
		if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
			throw new InvalidInputException("The API URL must look like https://<dc>.api.mailchimp.com/3.0");
		}
		if (scheme.equals("http") && !isLoopback(uri.getHost())) {
			throw new InvalidInputException("The API URL must use https (plain http only for 127.0.0.1)");
		}
		if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
			throw new InvalidInputException("The API URL must not carry credentials, a query or a fragment");
		}
		return uri.toString().replaceAll("/+$", "");
	}

	/**
	 * The data center named by a Mailchimp host, e.g. {@code us6}; empty for the sandbox
	 * or a dc-less host.
	 */
	static Optional<String> dataCenter(String url) {
		var matcher = MAILCHIMP_HOST.matcher(URI.create(url).getHost().toLowerCase());
		return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
	}

	private static boolean isLoopback(String host) {
		return host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost") || host.equals("[::1]");
	}

}
