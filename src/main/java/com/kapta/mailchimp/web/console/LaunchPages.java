package com.kapta.mailchimp.web.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.audience.AudienceResolver;
import com.kapta.mailchimp.audience.AudienceTags;
import com.kapta.mailchimp.batch.BackgroundLaunches;
import com.kapta.mailchimp.contact.TagNames;
import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.MailchimpClients;
import com.kapta.mailchimp.settings.Settings;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.tagdownload.DownloadLauncher;
import com.kapta.mailchimp.upload.UploadLauncher;

/**
 * Upload To Mailchimp (a dialog to pick the new contacts' tags, or type new ones) and
 * Download To Kapta, each with a preview (dry run). A launch goes to the run's page at
 * once; a refusal comes back to where it was asked, in the command line's words.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class LaunchPages {

	private final BackgroundLaunches launches;

	private final UploadLauncher upload;

	private final DownloadLauncher download;

	private final SettingsService settings;

	private final AudienceTags tags;

	private final AudienceResolver audience;

	private final MailchimpClients clients;

	LaunchPages(BackgroundLaunches launches, UploadLauncher upload, DownloadLauncher download, SettingsService settings,
			AudienceTags tags, AudienceResolver audience, MailchimpClients clients) {
		this.launches = launches;
		this.upload = upload;
		this.download = download;
		this.settings = settings;
		this.tags = tags;
		this.audience = audience;
		this.clients = clients;
	}

	/**
	 * The dialog: the audience's tags to tick, as Kapta last saw them (a GET changes
	 * nothing and calls nobody); opening it from the Mailchimp page, or its Refresh
	 * button, refreshes them from Mailchimp first ({@link #refreshTags}).
	 */
	@GetMapping("/upload")
	String uploadDialog(Model model) {
		String audienceId = this.settings.current().audienceId();
		Map<String, Long> known = (audienceId != null) ? this.tags.all(audienceId) : Map.of();
		model.addAttribute("tags", List.copyOf(known.keySet()));
		return "upload";
	}

	/**
	 * Opens the dialog with the audience's tags refreshed from Mailchimp; when Mailchimp
	 * cannot be reached, with the tags as Kapta last saw them, and the dialog says so.
	 */
	@PostMapping("/upload/tags")
	String refreshTags(RedirectAttributes redirect) {
		Settings current = this.settings.current();
		if (current.enabled() && current.complete()) {
			try (MailchimpClient client = this.clients.connect(current)) {
				this.audience.withAudience(client, (id) -> this.audience.refreshTags(client, id));
			}
			catch (KaptaException ex) {
				redirect.addFlashAttribute("note", "Mailchimp could not be reached (" + ex.getMessage()
						+ "); these are the audience's tags as Kapta last saw them.");
			}
		}
		// back to the Mailchimp page, whose dialog opens again with them
		return "redirect:/?upload";
	}

	@PostMapping("/upload")
	String upload(@RequestParam(name = "tag", required = false) List<String> ticked,
			@RequestParam(defaultValue = "") String newTags, @RequestParam(defaultValue = "false") boolean preview,
			RedirectAttributes redirect) {
		List<String> chosen = new ArrayList<>((ticked != null) ? ticked : List.of());
		chosen.addAll(TagNames.parse(newTags, ','));
		return RunPages.follow(() -> this.launches.start(() -> this.upload.launch(chosen, preview)), "/upload",
				redirect);
	}

	@PostMapping("/download")
	String download(@RequestParam(defaultValue = "false") boolean preview, RedirectAttributes redirect) {
		return RunPages.follow(() -> this.launches.start(() -> this.download.launch(preview)), "/", redirect);
	}

}
