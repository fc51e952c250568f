package com.kapta.mailchimp.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import com.kapta.mailchimp.batch.JobHistory;
import com.kapta.mailchimp.settings.SettingsService;

/** The console's sign-in page and its start page. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleController {

	private final SettingsService settings;

	private final JobHistory history;

	ConsoleController(SettingsService settings, JobHistory history) {
		this.settings = settings;
		this.history = history;
	}

	@GetMapping("/login")
	String login() {
		return "login";
	}

	@GetMapping("/")
	String home(Model model) {
		model.addAttribute("settings", this.settings.current());
		model.addAttribute("runs", this.history.recent(10));
		return "home";
	}

}
