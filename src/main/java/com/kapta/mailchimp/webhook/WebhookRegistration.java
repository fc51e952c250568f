package com.kapta.mailchimp.webhook;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.audience.AudienceResolver;
import com.kapta.mailchimp.audit.AuditEvent;
import com.kapta.mailchimp.audit.AuditTrail;
import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.MailchimpClients;
import com.kapta.mailchimp.mailchimp.MailchimpException;
import com.kapta.mailchimp.mailchimp.Webhook;
import com.kapta.mailchimp.settings.Settings;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.webhook.WebhookSecrets.Secrets;

/**
 * Kapta's webhook on the audience: registered (or repaired) for the member events Kapta
 * applies, from people ({@code user}) and Mailchimp's web app ({@code admin}), never from
 * the API (Kapta's own writes would come back as events), at
 * {@code kapta.web.public-url}{@code /webhooks/mailchimp/<token>}. A webhook of Kapta's
 * with another token (an older registration, or a public address since changed) is
 * replaced; other apps' webhooks are left alone.
 */
@Component
public class WebhookRegistration {

	/** The events Kapta asks for. */
	static final Map<String, Boolean> EVENTS = flags("subscribe", true, "unsubscribe", true, "profile", true, "cleaned",
			true, "upemail", true, "campaign", false);

	/** Whose changes: people's and Mailchimp's web app's, never the API's. */
	static final Map<String, Boolean> SOURCES = flags("user", true, "admin", true, "api", false);

	private static final Logger log = LoggerFactory.getLogger(WebhookRegistration.class);

	/**
	 * What the Integrations page, the API and {@code webhook status} show. Never the
	 * token or the signing secret.
	 *
	 * @param publicUrl {@code kapta.web.public-url}, if set
	 * @param url where the webhook is registered, its token left out
	 * @param webhookId its id on Mailchimp, when registered
	 * @param registeredAt when it was registered
	 * @param receivedToday events received since midnight
	 * @param waiting events stored and not applied yet
	 * @param lastEventAt when the last event arrived
	 * @param lastEventType its type
	 * @param lastFailure the last failure to register or to apply events, in words
	 * @param lastFailureAt when
	 */
	public record Status(@Nullable String publicUrl, @Nullable String url, @Nullable String webhookId,
			@Nullable Instant registeredAt, long receivedToday, long waiting, @Nullable Instant lastEventAt,
			@Nullable String lastEventType, @Nullable String lastFailure, @Nullable Instant lastFailureAt) {

		public boolean registered() {
			return this.webhookId != null;
		}

	}

	private final PublicAddress web;

	private final SettingsService settings;

	private final MailchimpClients clients;

	private final AudienceResolver audience;

	private final WebhookSecrets secrets;

	private final WebhookState state;

	private final WebhookEvents events;

	private final AuditTrail audit;

	WebhookRegistration(PublicAddress web, SettingsService settings, MailchimpClients clients,
			AudienceResolver audience, WebhookSecrets secrets, WebhookState state, WebhookEvents events,
			AuditTrail audit) {
		this.web = web;
		this.settings = settings;
		this.clients = clients;
		this.audience = audience;
		this.secrets = secrets;
		this.state = state;
		this.events = events;
		this.audit = audit;
	}

	public Status status() {
		WebhookState.State known = this.state.read();
		WebhookEvents.Counts counts = this.events.counts(ZoneId.systemDefault());
		String publicUrl = this.web.get().map(URI::toString).orElse(null);
		return new Status(publicUrl,
				(known.publicUrl() != null) ? known.publicUrl() + WebhookEndpoint.PATH + "…" : null, known.webhookId(),
				known.registeredAt(), counts.receivedToday(), counts.waiting(), counts.lastReceived(),
				counts.lastType(), known.lastFailure(), known.lastFailureAt());
	}

	/**
	 * Registers the webhook, or repairs it (a lost signing secret, other events, an old
	 * token); {@link InvalidInputException} says why it could not.
	 */
	public Status register() {
		URI base = this.web.get()
			.orElseThrow(() -> new InvalidInputException("kapta.web.public-url is not set: Mailchimp needs an"
					+ " address where it reaches the service, e.g. https://kapta.example.com (nothing registered)"));
		Settings current = this.settings.requireUsable();
		String prefix = base + WebhookEndpoint.PATH;
		String token = this.secrets.load().map(Secrets::token).orElseGet(this.secrets::newToken);
		try (MailchimpClient client = this.clients.connect(current)) {
			List<Webhook> hooks = this.audience.withAudience(client, client::webhooks);
			String audienceId = this.settings.current().audienceId();
			Webhook kept = keep(client, audienceId, hooks, prefix + token);
			for (Webhook hook : hooks) {
				if (!hook.id().equals(kept.id()) && isKaptas(hook, prefix)) {
					client.deleteWebhook(audienceId, hook.id());
				}
			}
			this.state.registered(kept.id(), base.toString());
			this.audit.record(AuditEvent.WEBHOOK_REGISTERED, base.toString(),
					"events subscribe, unsubscribe, profile, cleaned and upemail, from people and Mailchimp's web app");
			log.info("Mailchimp's webhook registered at {}…", prefix);
			return status();
		}
		catch (KaptaException ex) {
			String why = "Mailchimp did not register the webhook at " + prefix + "… ("
					+ String.valueOf(ex.getMessage()).replace(token, "…") + ")";
			this.state.failed(why);
			throw new InvalidInputException(why, ex);
		}
	}

	/**
	 * Registers or repairs the webhook when a public address is set, as Save and
	 * Synchronize does: never fails the save; returns why nothing was registered.
	 */
	public Optional<String> registerIfConfigured() {
		if (this.web.get().isEmpty()) {
			return Optional.of("No webhook: kapta.web.public-url is not set, so Mailchimp's changes reach Kapta"
					+ " with the nightly download");
		}
		try {
			register();
			return Optional.empty();
		}
		catch (RuntimeException ex) {
			return Optional.of(String.valueOf(ex.getMessage()));
		}
	}

	/** Deletes Kapta's webhooks from the audience and forgets the secrets. */
	public Status remove() {
		Settings current = this.settings.requireUsable();
		String storedId = this.state.read().webhookId();
		try (MailchimpClient client = this.clients.connect(current)) {
			List<Webhook> hooks = this.audience.withAudience(client, client::webhooks);
			String audienceId = this.settings.current().audienceId();
			String prefix = this.web.get().map((base) -> base + WebhookEndpoint.PATH).orElse(null);
			for (Webhook hook : hooks) {
				if (hook.id().equals(storedId) || (prefix != null && isKaptas(hook, prefix))) {
					client.deleteWebhook(audienceId, hook.id());
				}
			}
		}
		catch (MailchimpException ex) {
			throw new InvalidInputException("Mailchimp could not remove the webhook (" + ex.getMessage() + ")", ex);
		}
		this.secrets.delete();
		this.state.removed();
		this.audit.record(AuditEvent.WEBHOOK_REMOVED, "Mailchimp webhook", null);
		return status();
	}

	/**
	 * The webhook at {@code url}, as it is when Kapta knows its signing secret and it
	 * sends what Kapta asks for; otherwise made afresh (Mailchimp shows a signing secret
	 * only to the call that creates the webhook).
	 */
	private Webhook keep(MailchimpClient client, String audienceId, List<Webhook> hooks, String url) {
		Optional<Secrets> known = this.secrets.load();
		Optional<Webhook> same = hooks.stream().filter((hook) -> hook.url().equals(url)).findFirst();
		if (same.isPresent() && known.map(Secrets::signingSecret).isPresent() && same.get().sends(EVENTS, SOURCES)) {
			return same.get();
		}
		same.ifPresent((hook) -> client.deleteWebhook(audienceId, hook.id()));
		String token = url.substring(url.lastIndexOf('/') + 1);
		// the token first: Mailchimp's check and first deliveries may come before the
		// answer does
		this.secrets.save(new Secrets(token, null));
		Webhook created = client.createWebhook(audienceId, url, EVENTS, SOURCES);
		this.secrets.save(new Secrets(token, created.signingSecret()));
		return created;
	}

	private static boolean isKaptas(Webhook hook, String prefix) {
		return hook.url().startsWith(prefix);
	}

	private static Map<String, Boolean> flags(Object... pairs) {
		Map<String, Boolean> flags = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			flags.put((String) pairs[i], (Boolean) pairs[i + 1]);
		}
		return flags;
	}

}
