package com.kapta.mailchimp.web;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the service serves the console and the API.
 *
 * @param address the address it listens on; this machine only unless set otherwise
 * @param port the port; 0 picks a free one
 * @param maxUpload the largest workbook an import upload may send
 * @param maxJson the largest JSON body an API call may send
 * @param sessionMax how long a console session lasts after its sign-in, however busy (the
 * idle timeout is {@code server.servlet.session.timeout})
 * @param publicUrl the address at which Mailchimp (and people) reach the service, e.g.
 * {@code https://kapta.example.com}: its webhook is registered there; none by default,
 * and then no webhook is registered
 */
@ConfigurationProperties("kapta.web")
public record WebProperties(@DefaultValue("127.0.0.1") InetAddress address, @DefaultValue("8080") int port,
		@DefaultValue("100MB") DataSize maxUpload, @DefaultValue("1MB") DataSize maxJson,
		@DefaultValue("12h") Duration sessionMax, @Nullable URI publicUrl) {

	public WebProperties {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("kapta.web.port must be between 0 and 65535");
		}
		if (publicUrl != null) {
			String scheme = String.valueOf(publicUrl.getScheme()).toLowerCase(Locale.ROOT);
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
	public Optional<URI> publicAddress() {
		return Optional.ofNullable(this.publicUrl);
	}

	/** The upload limit as a user reads it: {@code 100 MB}, {@code 64 KB}. */
	public String maxUploadText() {
		long bytes = this.maxUpload.toBytes();
		return (bytes >= 1 << 20) ? (bytes >> 20) + " MB" : Math.max(1, bytes >> 10) + " KB";
	}

}
