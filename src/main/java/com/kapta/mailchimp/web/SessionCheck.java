package com.kapta.mailchimp.web;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

import com.kapta.mailchimp.users.UserAccounts;

/**
 * A console session lives only as long as the account it was signed in with: removed,
 * given another password or another role (by an admin, from any instance or the command
 * line), the user's next request gets the sign-in page. A session also ends
 * {@code kapta.web.session-max} after its sign-in, however busy. The account is read on
 * each request (one indexed row), so that what changed in the database is seen at once by
 * every instance.
 */
class SessionCheck extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(SessionCheck.class);

	/** The session attribute holding what the account was at sign-in. */
	private static final String STAMP = SessionCheck.class.getName() + ".account";

	private final UserAccounts accounts;

	private final Duration maxAge;

	SessionCheck(UserAccounts accounts, Duration maxAge) {
		this.accounts = accounts;
		this.maxAge = maxAge;
	}

	/** Signs the session with the account as it is at sign-in, then goes where asked. */
	static AuthenticationSuccessHandler stampingSignIn(UserAccounts accounts) {
		var then = new SavedRequestAwareAuthenticationSuccessHandler();
		return (request, response, authentication) -> {
			accounts.sessionStamp(authentication.getName())
				.ifPresent((stamp) -> request.getSession().setAttribute(STAMP, stamp));
			then.onAuthenticationSuccess(request, response, authentication);
		};
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		if (session != null && user != null && user.isAuthenticated() && session.getAttribute(STAMP) != null) {
			String why = outlived(session, user.getName());
			if (why != null) {
				log.info("Ended the console session of {}: {}", user.getName(), why);
				session.invalidate();
				SecurityContextHolder.clearContext();
			}
		}
		chain.doFilter(request, response);
	}

	private String outlived(HttpSession session, String username) {
		if (System.currentTimeMillis() - session.getCreationTime() > this.maxAge.toMillis()) {
			return "it is older than kapta.web.session-max";
		}
		return this.accounts.sessionStamp(username).filter(session.getAttribute(STAMP)::equals).isPresent() ? null
				: "the account was removed or its password or role changed";
	}

}
