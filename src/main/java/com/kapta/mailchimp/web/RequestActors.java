package com.kapta.mailchimp.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

import com.kapta.mailchimp.audit.Actor;

/**
 * Makes the signed-in user the actor of a request's work (after Spring Security's
 * filters, which say who it is): console or API, and the client's address. What the
 * request changes is recorded as theirs, also a run it launches in the background.
 */
class RequestActors extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		if (user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
			chain.doFilter(request, response);
			return;
		}
		try {
			Actor.as(actorOf(user.getName(), request), () -> {
				try {
					chain.doFilter(request, response);
				}
				catch (IOException | ServletException ex) {
					throw new FilterFailure(ex);
				}
			});
		}
		catch (FilterFailure failure) {
			failure.rethrow();
		}
	}

	/** Who acts in this request: the user, from the console or the API, and where. */
	static Actor actorOf(String who, HttpServletRequest request) {
		return new Actor(who, api(request) ? Actor.Channel.API : Actor.Channel.CONSOLE, request.getRemoteAddr());
	}

	/**
	 * The request in hand, as the actor of a refused sign-in (no one signed in): its
	 * channel and address.
	 */
	static Actor anonymous() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return actorOf(NOT_SIGNED_IN, attributes.getRequest());
		}
		return new Actor(NOT_SIGNED_IN, Actor.Channel.CONSOLE, null);
	}

	static final String NOT_SIGNED_IN = "(not signed in)";

	private static boolean api(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/api/") || path.startsWith("/actuator/") || path.startsWith("/v3/");
	}

	/** Carries a filter's checked exception through {@link Actor#as}. */
	private static final class FilterFailure extends RuntimeException {

		private final Exception failure;

		FilterFailure(Exception failure) {
			super(failure);
			this.failure = failure;
		}

		void rethrow() throws IOException, ServletException {
			if (this.failure instanceof IOException io) {
				throw io;
			}
			throw (ServletException) this.failure;
		}

	}

}
