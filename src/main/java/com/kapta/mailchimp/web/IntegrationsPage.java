package com.kapta.mailchimp.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.settings.ApiKey;
import com.kapta.mailchimp.settings.Settings;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.synchronize.SaveAndSynchronize;

/**
 * The user guide's Mailchimp Integration section: the switch, API URL, API key and
 * Audience, with Save (no call to Mailchimp) and Save And Synchronize (verified first;
 * nothing is saved when it fails). The stored key is never shown, only its mask; an empty
 * key field keeps it.
 */
@Controller
@RequestMapping("/settings")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class IntegrationsPage {

	private final SettingsService settings;

	private final SaveAndSynchronize synchronize;

	private final ConsoleWords words;

	IntegrationsPage(SettingsService settings, SaveAndSynchronize synchronize, ConsoleWords words) {
		this.settings = settings;
		this.synchronize = synchronize;
		this.words = words;
	}

	@GetMapping
	String show(Model model) {
		return page(model, this.settings.current(), null, null);
	}

	@PostMapping
	String save(@RequestParam(defaultValue = "false") boolean enabled, @RequestParam(defaultValue = "") String apiUrl,
			@RequestParam(defaultValue = "") String apiKey, @RequestParam(defaultValue = "") String audienceName,
			@RequestParam(defaultValue = "save") String action, Model model) {
		// an empty key field keeps the stored key (it is never shown, so never sent back)
		var change = new SettingsChange(enabled, apiUrl, apiKey.isBlank() ? null : apiKey.strip(), audienceName);
		try {
			if (action.equals("synchronize")) {
				var done = this.synchronize.run(change);
				Map<String, Map<String, String>> runs = new LinkedHashMap<>();
				runs.put(title(done.upload()), RunSummary.lines(done.upload()));
				runs.put(title(done.download()), RunSummary.lines(done.download()));
				model.addAttribute("runs", runs);
				return page(model, done.settings(), "Verified with Mailchimp, saved and synchronized.", null);
			}
			return page(model, this.settings.save(change), "Saved.", null);
		}
		catch (KaptaException ex) {
			// what was typed stays in the form, with the command line's words beside it
			model.addAttribute("typed", change);
			return page(model, this.settings.current(), null, ex.getMessage());
		}
	}

	private String title(JobExecution run) {
		return this.words.job(run.getJobInstance().getJobName()) + " · " + this.words.status(run.getStatus());
	}

	private static String page(Model model, Settings current, @Nullable String done, @Nullable String problem) {
		model.addAttribute("settings", current);
		model.addAttribute("storedKey", current.apiKey().map(ApiKey::masked).orElse(null));
		model.addAttribute("done", done);
		model.addAttribute("problem", problem);
		return "integrations";
	}

}
