package com.kapta.mailchimp.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in (the console's form, or a call with Basic credentials) from an
 * address that must still wait ({@link SignInThrottle}), before its password is checked:
 * the API answers 429 with {@code Retry-After}, the form goes back to the sign-in page
 * saying so. Such a refusal counts as no failure for the user it named.
 */
class SignInThrottleFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(SignInThrottleFilter.class);

	private final SignInThrottle throttle;

	private final Problems problems;

	SignInThrottleFilter(SignInThrottle throttle, Problems problems) {
		this.throttle = throttle;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<Duration> wait = signsIn(request) ? this.throttle.waitFor(request.getRemoteAddr()) : Optional.empty();
		if (wait.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
		log.warn("Sign-in from {} refused unchecked: {} s to wait after repeated failures", request.getRemoteAddr(),
				seconds);
		if (isForm(request)) {
			response.sendRedirect(request.getContextPath() + "/login?throttled");
			return;
		}
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		this.problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
				"Too many failed sign-ins from this address; try again in " + seconds + " s");
	}

	private static boolean signsIn(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return isForm(request)
				|| (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, "Basic ".length()));
	}

	private static boolean isForm(HttpServletRequest request) {
		return "POST".equals(request.getMethod())
				&& request.getRequestURI().equals(request.getContextPath() + "/login");
	}

}
