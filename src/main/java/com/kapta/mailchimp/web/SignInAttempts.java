package com.kapta.mailchimp.web;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.audit.Actor;
import com.kapta.mailchimp.audit.AuditEvent;
import com.kapta.mailchimp.audit.AuditTrail;
import com.kapta.mailchimp.users.UserAccounts;
import com.kapta.mailchimp.users.UsersProperties;

/**
 * Counts failed sign-ins (the console's form and the API's Basic alike) so that a user
 * guessed at is locked for a while; a good sign-in starts the count again. Every refusal
 * and every lock is logged with the user and the client's address, never the password.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SignInAttempts {

	private static final Logger log = LoggerFactory.getLogger(SignInAttempts.class);

	private final UserAccounts accounts;

	private final Duration lockFor;

	private final SignInThrottle throttle;

	private final AuditTrail audit;

	SignInAttempts(UserAccounts accounts, UsersProperties properties, SignInThrottle throttle, AuditTrail audit) {
		this.audit = audit;
		this.accounts = accounts;
		this.lockFor = properties.lockFor();
		this.throttle = throttle;
	}

	@EventListener
	void failed(AuthenticationFailureBadCredentialsEvent event) {
		String user = event.getAuthentication().getName();
		String address = address(event.getAuthentication().getDetails());
		// a name that is no user's is not kept: it may be a password typed in the wrong
		// field
		boolean known = this.accounts.credentials(user).isPresent();
		boolean locked = Actor.as(RequestActors.anonymous(), () -> {
			this.audit.record(AuditEvent.SIGN_IN_REFUSED, known ? user.strip() : "an unknown username",
					"wrong password or username");
			return this.accounts.signInFailed(user);
		});
		// the address's wait counts from now, after this failure's own writes
		Duration wait = this.throttle.failed(address);
		String waits = wait.isZero() ? "" : "; the address now waits " + Math.max(1, wait.toSeconds()) + " s";
		if (locked) {
			log.warn("Sign-in refused for user {} from {}; the user is now locked for {}{}", user, address,
					this.lockFor, waits);
		}
		else {
			log.warn("Sign-in refused for user {} from {}{}", user, address, waits);
		}
	}

	/** Where the sign-in came from (never what was typed as the password). */
	static String address(@Nullable Object details) {
		return (details instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null)
				? web.getRemoteAddress() : "an unknown address";
	}

	@EventListener
	void succeeded(AuthenticationSuccessEvent event) {
		this.accounts.signedIn(event.getAuthentication().getName());
		this.throttle.succeeded(address(event.getAuthentication().getDetails()));
	}

}
