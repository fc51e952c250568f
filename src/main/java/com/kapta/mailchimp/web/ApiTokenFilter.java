package com.kapta.mailchimp.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import com.kapta.mailchimp.audit.AuditEvent;
import com.kapta.mailchimp.audit.AuditTrail;
import com.kapta.mailchimp.users.UserAccounts;

/**
 * Signs in an API call that carries {@code Authorization: Bearer TOKEN} as the token's
 * user; an unknown token is refused at once (no fall-back to other ways in).
 */
class ApiTokenFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(ApiTokenFilter.class);

	private static final String BEARER = "Bearer ";

	private final UserAccounts accounts;

	private final Problems problems;

	private final AuditTrail audit;

	ApiTokenFilter(UserAccounts accounts, Problems problems, AuditTrail audit) {
		this.audit = audit;
		this.accounts = accounts;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			chain.doFilter(request, response);
			return;
		}
		var user = this.accounts.byToken(header.substring(BEARER.length()).strip());
		if (user.isEmpty()) {
			log.warn("Refused an API token from {}", request.getRemoteAddr());
			this.audit.record(RequestActors.actorOf(RequestActors.NOT_SIGNED_IN, request), AuditEvent.SIGN_IN_REFUSED,
					"an API token", null, "the token is not valid");
			this.problems.write(request, response, HttpStatus.UNAUTHORIZED, "The API token is not valid");
			return;
		}
		var authentication = UsernamePasswordAuthenticationToken.authenticated(user.get().username(), null,
				AuthorityUtils.createAuthorityList("ROLE_" + user.get().role().name()));
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
