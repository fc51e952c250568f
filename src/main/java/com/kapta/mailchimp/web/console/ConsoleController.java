package com.kapta.mailchimp.web.console;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.kapta.mailchimp.audience.AudienceTags;
import com.kapta.mailchimp.batch.JobHistory;
import com.kapta.mailchimp.health.SyncHealth;
import com.kapta.mailchimp.settings.Settings;
import com.kapta.mailchimp.settings.SettingsService;

/** The console's sign-in page and its start page. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleController {

	private final SettingsService settings;

	private final JobHistory history;

	private final AudienceTags tags;

	private final SyncHealth health;

	ConsoleController(SettingsService settings, JobHistory history, AudienceTags tags, SyncHealth health) {
		this.settings = settings;
		this.history = history;
		this.tags = tags;
		this.health = health;
	}

	@GetMapping("/login")
	String login() {
		return "login";
	}

	/**
	 * The Mailchimp page: the integration's state and health at a glance, its two actions
	 * (the upload's dialog with the audience's tags as Kapta last saw them), the recent
	 * runs.
	 */
	@GetMapping("/")
	String home(@RequestParam(name = "upload", required = false) @Nullable String upload, Model model) {
		// after its tags were refreshed, the upload's dialog opens again
		model.addAttribute("openUpload", upload != null);
		Settings current = this.settings.current();
		model.addAttribute("settings", current);
		model.addAttribute("runs", this.history.recent(10));
		model.addAttribute("glance", this.health.glance());
		String audienceId = current.audienceId();
		model.addAttribute("tags",
				(audienceId != null) ? List.copyOf(this.tags.all(audienceId).keySet()) : List.<String>of());
		return "home";
	}

}
