package com.kapta.mailchimp.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.users.UserAccounts;

/**
 * Counts failed sign-ins (the console's form and the API's Basic alike) so that a user
 * guessed at is locked for a while; a good sign-in starts the count again.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SignInAttempts {

	private final UserAccounts accounts;

	SignInAttempts(UserAccounts accounts) {
		this.accounts = accounts;
	}

	@EventListener
	void failed(AuthenticationFailureBadCredentialsEvent event) {
		this.accounts.signInFailed(event.getAuthentication().getName());
	}

	@EventListener
	void succeeded(AuthenticationSuccessEvent event) {
		this.accounts.signedIn(event.getAuthentication().getName());
	}

}
