package com.kapta.mailchimp.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.kapta.mailchimp.InvalidInputException;

/** Checks of the API URL that need no network. */
final class ApiUrls {

	private static final Pattern MAILCHIMP_HOST = Pattern.compile("([a-z]{2,}[0-9]+)\\.api\\.mailchimp\\.com");

	/** Mailchimp's API hosts: a data center's, and the one without. */
	private static final Pattern MAILCHIMP = Pattern.compile("([a-z]{2,}[0-9]+\\.)?api\\.mailchimp\\.com");

	private ApiUrls() {
	}

	static String forDataCenter(String dataCenter) {
		return "https://" + dataCenter + ".api.mailchimp.com/3.0";
	}

	/**
	 * The URL without a trailing slash, if it is Mailchimp's own or this machine's: the
	 * stored key goes wherever the URL points, so an account that may change settings
	 * must not be able to point it at a host of its own. Mailchimp answers only over TLS,
	 * at {@code https://<dc>.api.mailchimp.com/3.0} (or without the data center); plain
	 * http and any path only on this machine (the sandbox on 127.0.0.1).
	 */
	static String normalize(String text) {
		URI uri;
		try {
			uri = new URI(text.trim());
		}
		catch (URISyntaxException ex) {
			throw new InvalidInputException("The API URL is not a URL: " + ex.getReason());
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
			throw new InvalidInputException("The API URL must look like https://<dc>.api.mailchimp.com/3.0");
		}
		if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
			throw new InvalidInputException("The API URL must not carry credentials, a query or a fragment");
		}
		String url = uri.toString().replaceAll("/+$", "");
		if (isLoopback(uri.getHost())) {
			return url;
		}
		if (scheme.equals("http")) {
			throw new InvalidInputException("The API URL must use https (plain http only for 127.0.0.1)");
		}
		String path = (uri.getPath() == null) ? "" : uri.getPath().replaceAll("/+$", "");
		if (!MAILCHIMP.matcher(uri.getHost().toLowerCase(Locale.ROOT)).matches()
				|| (uri.getPort() != -1 && uri.getPort() != 443) || !path.equals("/3.0")) {
			throw new InvalidInputException("The API URL must be Mailchimp's own, https://<dc>.api.mailchimp.com/3.0"
					+ " (or https://api.mailchimp.com/3.0), or this machine's (the sandbox on 127.0.0.1)");
		}
		return "https://" + uri.getHost().toLowerCase(Locale.ROOT) + "/3.0";
	}

	/** Whether two URLs name the same host (the port may differ: the sandbox's does). */
	static boolean sameHost(String url, String other) {
		return URI.create(url).getHost().equalsIgnoreCase(URI.create(other).getHost());
	}

	static String host(String url) {
		return URI.create(url).getHost();
	}

	/**
	 * The data center named by a Mailchimp host, e.g. {@code us6}; empty for the sandbox
	 * or a dc-less host.
	 */
	static Optional<String> dataCenter(String url) {
		var matcher = MAILCHIMP_HOST.matcher(URI.create(url).getHost().toLowerCase(Locale.ROOT));
		return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
	}

	private static boolean isLoopback(String host) {
		return host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost") || host.equals("[::1]");
	}

}
