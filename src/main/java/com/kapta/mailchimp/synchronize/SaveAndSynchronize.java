package com.kapta.mailchimp.synchronize;

import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.audit.AuditEvent;
import com.kapta.mailchimp.audit.AuditTrail;
import com.kapta.mailchimp.mailchimp.Audience;
import com.kapta.mailchimp.mailchimp.AuthenticationException;
import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.MailchimpClients;
import com.kapta.mailchimp.mailchimp.MailchimpException;
import com.kapta.mailchimp.settings.Settings;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.tagdownload.DownloadLauncher;
import com.kapta.mailchimp.upload.UploadLauncher;
import com.kapta.mailchimp.webhook.WebhookRegistration;

/**
 * <em>Save and Synchronize</em> on Kapta's settings screen: the settings are verified
 * against Mailchimp first (the key is accepted, the URL's data center is the key's, the
 * audience exists), saved only then, with the audience's id and double opt-in; then the
 * audience's webhook is registered or repaired (when {@code kapta.web.public-url} is
 * set), and an upload (no tags) and a tag download follow.
 */
@Component
public class SaveAndSynchronize {

	private static final Logger log = LoggerFactory.getLogger(SaveAndSynchronize.class);

	/** The two runs that followed the save. */
	public record Synchronized(Settings settings, JobExecution upload, JobExecution download) {
	}

	private final SettingsService settings;

	private final MailchimpClients clients;

	private final UploadLauncher upload;

	private final DownloadLauncher download;

	private final AuditTrail audit;

	private final WebhookRegistration webhook;

	SaveAndSynchronize(SettingsService settings, MailchimpClients clients, UploadLauncher upload,
			DownloadLauncher download, AuditTrail audit, WebhookRegistration webhook) {
		this.audit = audit;
		this.webhook = webhook;
		this.settings = settings;
		this.clients = clients;
		this.upload = upload;
		this.download = download;
	}

	/**
	 * Verifies, saves and synchronizes; a failed verification saves nothing
	 * ({@link InvalidInputException}).
	 */
	public Synchronized run(SettingsChange change) {
		verifyAndSave(change);
		recordSynchronize();
		JobExecution uploaded = this.upload.launch(List.of(), false);
		JobExecution downloaded = this.download.launch(false);
		return new Synchronized(this.settings.current(), uploaded, downloaded);
	}

	/**
	 * Its first half: verifies and saves, or refuses and saves nothing. The console then
	 * runs {@link #synchronize} in the background and follows it live.
	 */
	public Settings verifyAndSave(SettingsChange change) {
		Settings proposed = this.settings.preview(change);
		if (!proposed.enabled()) {
			throw new InvalidInputException("Save and Synchronize needs the integration on: add --enabled true");
		}
		Audience audience = verify(proposed.requireComplete());
		this.settings.save(change);
		this.settings.recordAudience(audience.id(), audience.doubleOptin());
		// never fails the save: the Integrations page shows why, and the nightly
		// download still brings Mailchimp's changes
		this.webhook.registerIfConfigured()
			.ifPresent((why) -> log.info("Saved and synchronized without a webhook: {}", why));
		return this.settings.current();
	}

	/**
	 * Its second half, the saved settings synchronized: the upload (no tags), then the
	 * tag download, each to its end; returns the upload's run.
	 */
	public JobExecution synchronize() {
		recordSynchronize();
		JobExecution uploaded = this.upload.launch(List.of(), false);
		this.download.launch(false);
		return uploaded;
	}

	private void recordSynchronize() {
		this.audit.record(AuditEvent.SETTINGS_SYNCHRONIZED, "Mailchimp integration",
				"an upload without tags, then a tag download");
	}

	/**
	 * The audience, with its id and double opt-in, once Mailchimp accepted the key and
	 * has it.
	 */
	private Audience verify(Settings proposed) {
		try (MailchimpClient client = this.clients.connect(proposed)) {
			client.ping();
			List<Audience> audiences = client.audiences();
			return audiences.stream()
				.filter((audience) -> audience.name().equals(proposed.audienceName()))
				.findFirst()
				.orElseThrow(() -> new InvalidInputException("Mailchimp has no audience named '"
						+ proposed.audienceName() + "'; its audiences are: "
						+ (audiences.isEmpty() ? "(none)"
								: audiences.stream().map((a) -> "'" + a.name() + "'").collect(Collectors.joining(", ")))
						+ ". Nothing was saved."));
		}
		catch (AuthenticationException ex) {
			throw new InvalidInputException("API key rejected by Mailchimp. Nothing was saved.", ex);
		}
		catch (MailchimpException ex) {
			throw new InvalidInputException("Mailchimp could not be reached at " + proposed.apiUrl() + " ("
					+ ex.getMessage() + "). Nothing was saved.", ex);
		}
	}

}
