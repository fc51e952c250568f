package com.kapta.mailchimp.web.api;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.settings.ApiKey;
import com.kapta.mailchimp.settings.Settings;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.synchronize.SaveAndSynchronize;

/**
 * The Mailchimp Integration settings: read, Save (no call to Mailchimp), Save And
 * Synchronize (verified first; nothing is saved when it fails). The API key is never sent
 * back, only its mask.
 */
@RestController
@RequestMapping("/api/settings")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SettingsApi {

	/**
	 * The settings as the Integrations page shows them.
	 *
	 * @param apiKey the stored key's mask, e.g. {@code ****-us6}
	 * @param keyFromEnvironment whether the key comes from {@code MAILCHIMP_API_KEY}
	 * @param newMemberStatus the choice: {@code audience}, {@code subscribed} or
	 * {@code pending}
	 * @param audienceDoubleOptIn whether the audience asks new subscribers to confirm;
	 * {@code null} until Save And Synchronize read it
	 * @param newMembersGet the status the members Kapta creates get now, and why
	 */
	record SettingsView(boolean enabled, @Nullable String apiUrl, @Nullable String apiKey, boolean keyFromEnvironment,
			@Nullable String audienceName, @Nullable String audienceId, String newMemberStatus,
			@Nullable Boolean audienceDoubleOptIn, String newMembersGet) {

		static SettingsView of(Settings settings) {
			return new SettingsView(settings.enabled(), settings.apiUrl(),
					settings.apiKey().map(ApiKey::masked).orElse(null), settings.keyFromEnvironment(),
					settings.audienceName(), settings.audienceId(), settings.newMembers().word(),
					settings.audienceDoubleOptIn(), settings.newMembersExplained());
		}

	}

	/**
	 * What Save And Synchronize did: the settings saved, and the summaries of the upload
	 * and the download that followed.
	 */
	record Synchronized(SettingsView settings, String uploadStatus, Map<String, String> upload, String downloadStatus,
			Map<String, String> download) {
	}

	private final SettingsService settings;

	private final SaveAndSynchronize synchronize;

	SettingsApi(SettingsService settings, SaveAndSynchronize synchronize) {
		this.settings = settings;
		this.synchronize = synchronize;
	}

	@GetMapping
	SettingsView read() {
		return SettingsView.of(this.settings.current());
	}

	/**
	 * Save: what the change gives is stored, without contacting Mailchimp; a missing
	 * field is left as it is, an empty one cleared.
	 */
	@PutMapping
	SettingsView save(@RequestBody SettingsChange change) {
		return SettingsView.of(this.settings.save(change));
	}

	/**
	 * Save And Synchronize: verified against Mailchimp, saved, then an upload and a
	 * download.
	 */
	@PostMapping("/synchronize")
	Synchronized saveAndSynchronize(@RequestBody SettingsChange change) {
		var done = this.synchronize.run(change);
		return new Synchronized(SettingsView.of(done.settings()), done.upload().getStatus().name(),
				RunSummary.lines(done.upload()), done.download().getStatus().name(), RunSummary.lines(done.download()));
	}

}
