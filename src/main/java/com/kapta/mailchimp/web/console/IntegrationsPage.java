package com.kapta.mailchimp.web.console;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.KaptaJob;
import com.kapta.mailchimp.batch.BackgroundLaunches;
import com.kapta.mailchimp.batch.JobHistory;
import com.kapta.mailchimp.batch.RunFilter;
import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.settings.ApiKey;
import com.kapta.mailchimp.settings.NewMembers;
import com.kapta.mailchimp.settings.Settings;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.synchronize.SaveAndSynchronize;
import com.kapta.mailchimp.webhook.WebhookRegistration;

/**
 * Settings › Configuration › Integrations: the Mailchimp Integration section with its
 * switch, Save (no call to Mailchimp) and Save And Synchronize: verified and saved in the
 * request, then synchronized in the background while the page follows the upload and the
 * download live (a reload asks again, it submits nothing again); and the audience's
 * webhook, its state and what it received.
 */
@Controller
@RequestMapping("/settings")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class IntegrationsPage {

	/**
	 * How long after the upload ended its download may take to appear before it is given
	 * up.
	 */
	private static final Duration DOWNLOAD_START = Duration.ofSeconds(30);

	private final SettingsService settings;

	private final SaveAndSynchronize synchronize;

	private final BackgroundLaunches launches;

	private final JobHistory history;

	private final ConsoleWords words;

	private final WebhookRegistration webhook;

	IntegrationsPage(SettingsService settings, SaveAndSynchronize synchronize, BackgroundLaunches launches,
			JobHistory history, ConsoleWords words, WebhookRegistration webhook) {
		this.webhook = webhook;
		this.settings = settings;
		this.synchronize = synchronize;
		this.launches = launches;
		this.history = history;
		this.words = words;
	}

	@GetMapping
	String show(Model model) {
		return page(model, this.settings.current(), null, null);
	}

	@PostMapping
	String save(@RequestParam(defaultValue = "false") boolean enabled, @RequestParam(defaultValue = "") String apiUrl,
			@RequestParam(defaultValue = "") String apiKey, @RequestParam(defaultValue = "") String audienceName,
			@RequestParam(required = false) @Nullable String newMemberStatus,
			@RequestParam(defaultValue = "save") String action, Model model) {
		// an empty key field keeps the stored key (it is never shown, so never sent back)
		var change = new SettingsChange(enabled, apiUrl, apiKey.isBlank() ? null : apiKey.strip(), audienceName,
				newMemberStatus);
		try {
			if (action.equals("synchronize")) {
				this.synchronize.verifyAndSave(change);
				JobExecution upload = this.launches.start(this.synchronize::synchronize);
				return "redirect:/settings/synchronization/" + upload.getId();
			}
			return page(model, this.settings.save(change), "Saved.", null);
		}
		catch (KaptaException ex) {
			// what was typed stays in the form, with the command line's words beside it
			model.addAttribute("typed", change);
			return page(model, this.settings.current(), null, ex.getMessage());
		}
	}

	/**
	 * Registers (or repairs) the audience's webhook, or removes it, as
	 * {@code ./run.sh webhook} does.
	 */
	@PostMapping("/webhook")
	String webhook(@RequestParam String action, Model model) {
		try {
			if (action.equals("remove")) {
				this.webhook.remove();
				return page(model, this.settings.current(),
						"Webhook removed: Mailchimp's changes now reach Kapta" + " with the nightly download.", null);
			}
			this.webhook.register();
			return page(model, this.settings.current(),
					"Webhook registered: Mailchimp's changes reach Kapta in" + " seconds.", null);
		}
		catch (KaptaException ex) {
			return page(model, this.settings.current(), null, ex.getMessage());
		}
	}

	/**
	 * The synchronization that the upload {@code id} began: the upload's and then the
	 * download's summaries; while they go, the page asks again every few seconds.
	 */
	@GetMapping("/synchronization/{id}")
	String synchronization(@PathVariable long id, Model model) {
		Synchronization sync = synchronization(id);
		Map<String, Map<String, String>> runs = new LinkedHashMap<>();
		Map<String, Long> ids = new LinkedHashMap<>();
		for (JobExecution run : sync.runs()) {
			runs.put(title(run), RunSummary.lines(run));
			ids.put(title(run), run.getId());
		}
		model.addAttribute("runs", runs);
		model.addAttribute("runIds", ids);
		model.addAttribute("syncId", id);
		model.addAttribute("syncRunning", sync.running());
		return page(model, this.settings.current(), sync.running() ? "Verified with Mailchimp and saved; synchronizing…"
				: "Verified with Mailchimp, saved and synchronized.", null);
	}

	/** What the synchronization page asks while it waits: whether it still goes. */
	@GetMapping("/synchronization/{id}/state")
	@ResponseBody
	Map<String, Object> synchronizationState(@PathVariable long id) {
		return Map.of("running", synchronization(id).running());
	}

	/** The upload, and the download that followed it once it exists. */
	private record Synchronization(List<JobExecution> runs, boolean running) {
	}

	private Synchronization synchronization(long uploadId) {
		JobExecution upload = this.history.find(uploadId)
			.filter((run) -> run.getJobInstance().getJobName().equals(KaptaJob.UPLOAD.jobName()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No synchronization began with run " + uploadId));
		Optional<JobExecution> download = this.history.find(RunFilter.of(KaptaJob.DOWNLOAD_TAGS.jobName(), null), 20)
			.stream()
			.filter((run) -> run.executionId() > uploadId)
			.min(Comparator.comparingLong(JobHistory.JobRun::executionId))
			.flatMap((run) -> this.history.find(run.executionId()));
		boolean waitingForDownload = download.isEmpty() && upload.getEndTime() != null
				&& upload.getEndTime().plus(DOWNLOAD_START).isAfter(LocalDateTime.now());
		boolean running = upload.isRunning() || waitingForDownload
				|| download.map(JobExecution::isRunning).orElse(false);
		List<JobExecution> runs = download.map((d) -> List.of(upload, d)).orElse(List.of(upload));
		return new Synchronization(runs, running);
	}

	private String title(JobExecution run) {
		return this.words.job(run.getJobInstance().getJobName()) + " · " + this.words.status(run.getStatus());
	}

	private String page(Model model, Settings current, @Nullable String done, @Nullable String problem) {
		model.addAttribute("webhook", this.webhook.status());
		model.addAttribute("settings", current);
		model.addAttribute("newMemberChoices", NewMembers.values());
		model.addAttribute("storedKey", current.apiKey().map(ApiKey::masked).orElse(null));
		model.addAttribute("done", done);
		model.addAttribute("problem", problem);
		return "integrations";
	}

}
