package com.kapta.mailchimp.web;

import java.net.InetAddress;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * How the console's passwords and session cookies travel: over TLS the service serves
 * itself ({@code server.ssl.*}), over a proxy that serves TLS in front of it
 * ({@code server.forward-headers-strategy}), or in plain HTTP, which is fine on this
 * machine only. Listening beyond loopback in plain HTTP is warned about at start.
 * Whichever it is, the session cookie is {@code Secure} and HSTS is sent whenever the
 * request arrived over https (Tomcat's and Spring Security's own rules).
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WebTransport {

	private static final Logger log = LoggerFactory.getLogger(WebTransport.class);

	private final InetAddress address;

	private final boolean tls;

	private final boolean proxied;

	WebTransport(WebProperties web, ServerProperties server) {
		this.address = web.address();
		// Boot's own test of whether its server serves TLS
		this.tls = Ssl.isEnabled(server.getSsl());
		this.proxied = server.getForwardHeadersStrategy() != null
				&& server.getForwardHeadersStrategy() != ServerProperties.ForwardHeadersStrategy.NONE;
	}

	/** {@code https} when the service serves TLS itself. */
	public String scheme() {
		return this.tls ? "https" : "http";
	}

	@EventListener(WebServerInitializedEvent.class)
	void started() {
		warning(this.address, this.tls, this.proxied).ifPresent(log::warn);
	}

	/** What to tell an operator about this way of listening, if anything. */
	static Optional<String> warning(InetAddress address, boolean tls, boolean proxied) {
		if (tls || proxied || address.isLoopbackAddress()) {
			return Optional.empty();
		}
		return Optional.of("The console and the API listen on " + address.getHostAddress()
				+ " in plain HTTP: passwords, tokens and session cookies cross the network readable. Serve TLS"
				+ " (server.ssl.*) or run behind a proxy that does (server.forward-headers-strategy); see"
				+ " docs/security.md");
	}

}
