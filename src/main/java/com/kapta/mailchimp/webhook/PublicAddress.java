package com.kapta.mailchimp.webhook;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Mailchimp (and people) reach the service: the audience's webhook is registered
 * there. The webhook's own setting, though named with the service's address settings
 * ({@code kapta.web.*}), so that the web package, a door, holds nothing a feature needs.
 *
 * @param publicUrl the address at which Mailchimp reaches the service, e.g.
 * {@code https://kapta.example.com}: its webhook is registered there; none by default,
 * and then no webhook is registered
 */
@ConfigurationProperties("kapta.web")
public record PublicAddress(@Nullable URI publicUrl) {

	public PublicAddress {
		if (publicUrl != null) {
			String scheme = String.valueOf(publicUrl.getScheme()).toLowerCase(Locale.ROOT);
			// a query, a fragment or credentials would end up in Mailchimp's settings
			if (!(scheme.equals("http") || scheme.equals("https")) || publicUrl.getHost() == null
					|| publicUrl.getRawQuery() != null || publicUrl.getRawFragment() != null
					|| publicUrl.getRawUserInfo() != null) {
				throw new IllegalArgumentException(
						"kapta.web.public-url must be an http(s) address without a query, e.g. https://kapta.example.com");
			}
			publicUrl = URI.create(publicUrl.toString().replaceAll("/+$", ""));
		}
	}

	/** The public address, if one is set. */
	public Optional<URI> get() {
		return Optional.ofNullable(this.publicUrl);
	}

}
