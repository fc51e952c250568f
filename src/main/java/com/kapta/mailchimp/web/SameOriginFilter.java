package com.kapta.mailchimp.web;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API's guard against cross-site requests. It has no CSRF token (it keeps no
 * session), but a browser that once signed in with Basic sends those credentials to every
 * request for this service, also a form another site submits: so a call that changes
 * something and comes from a page of another origin ({@code Origin} not this service's
 * own) is refused before any sign-in is looked at. Programs send no {@code Origin}, and
 * the console's own pages send theirs.
 */
class SameOriginFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(SameOriginFilter.class);

	private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private final Problems problems;

	SameOriginFilter(Problems problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String origin = request.getHeader("Origin");
		if (origin != null && !SAFE.contains(request.getMethod()) && !isOwn(origin, request)) {
			log.warn("Refused {} {} from {}: sent by a page of {}", request.getMethod(), request.getRequestURI(),
					request.getRemoteAddr(), origin);
			this.problems.write(request, response, HttpStatus.FORBIDDEN,
					"Requests from a page of another site are refused; call the API from a program, or use the console");
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * The origin this request was sent to (behind a proxy: as the proxy forwarded it).
	 */
	static boolean isOwn(String origin, HttpServletRequest request) {
		URI uri;
		try {
			uri = URI.create(origin.strip());
		}
		catch (IllegalArgumentException ex) {
			return false; // "null" and anything unparsable: an opaque origin, never ours
		}
		if (uri.getScheme() == null || uri.getHost() == null) {
			return false;
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		int port = (uri.getPort() != -1) ? uri.getPort() : (scheme.equals("https") ? 443 : 80);
		return scheme.equals(request.getScheme().toLowerCase(Locale.ROOT))
				&& uri.getHost().equalsIgnoreCase(request.getServerName()) && port == request.getServerPort();
	}

}
