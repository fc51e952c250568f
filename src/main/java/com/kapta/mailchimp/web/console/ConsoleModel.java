package com.kapta.mailchimp.web.console;

import com.kapta.mailchimp.web.RunAccess;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page shows: who is signed in, and whether as an admin. */
@ControllerAdvice(assignableTypes = { ConsoleController.class, IntegrationsPage.class, JobsPage.class,
		LaunchPages.class, DataPage.class, ContactsPage.class, SchedulePage.class, ActivityPage.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleModel {

	@ModelAttribute("user")
	@Nullable String user(@Nullable Authentication user) {
		return (user != null) ? user.getName() : null;
	}

	@ModelAttribute("admin")
	boolean admin(@Nullable Authentication user) {
		return RunAccess.admin(user);
	}

}
