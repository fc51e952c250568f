package com.kapta.mailchimp.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.audit.Actor;
import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.MailchimpClients;
import com.kapta.mailchimp.mailchimp.Member;
import com.kapta.mailchimp.settings.Settings;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.webhook.EventApplier.MemberEvents;
import com.kapta.mailchimp.webhook.WebhookEvents.Waiting;

/**
 * Applies the stored webhook events, wherever the endpoint serves (the service; the
 * demo's console): at once when this instance stored one, and every
 * {@code kapta.webhook.poll} for those another instance stored (or that waited while the
 * service was down, or while Mailchimp could not be read). A batch's events are grouped
 * by member, each member read back from Mailchimp once (a few side by side, within the
 * shared connection budget, no database connection held meanwhile), and each member's
 * events applied in a transaction of their own ({@link EventApplier}).
 */
@Component
@Profile("web")
class WebhookWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WebhookWorker.class);

	private static final int BATCH = 200;

	/** After this many failed reads of its member, an event is set aside as failed. */
	static final int MAX_ATTEMPTS = 10;

	private final WebhookEvents events;

	private final EventApplier applier;

	private final WebhookState state;

	private final SettingsService settings;

	private final MailchimpClients clients;

	private final WebhookProperties properties;

	private final Semaphore wake = new Semaphore(0);

	private volatile boolean running;

	private @Nullable Thread thread;

	private @Nullable ExecutorService readers;

	/** Drains in a row that failed: the next waits longer, up to five minutes. */
	private int failures;

	WebhookWorker(WebhookEvents events, EventApplier applier, WebhookState state, SettingsService settings,
			MailchimpClients clients, WebhookProperties properties) {
		this.events = events;
		this.applier = applier;
		this.state = state;
		this.settings = settings;
		this.clients = clients;
		this.properties = properties;
	}

	/** An event was stored: apply it now rather than at the next poll. */
	void wake() {
		this.wake.release();
	}

	@Override
	public synchronized void start() {
		this.running = true;
		this.readers = Executors.newFixedThreadPool(this.properties.readers(), (task) -> {
			Thread reader = new Thread(task, "kapta-webhook-reader");
			reader.setDaemon(true);
			return reader;
		});
		Thread worker = new Thread(this::loop, "kapta-webhooks");
		worker.setDaemon(true);
		this.thread = worker;
		worker.start();
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		if (this.thread != null) {
			this.thread.interrupt();
			try {
				this.thread.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.readers != null) {
			this.readers.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void loop() {
		while (this.running) {
			try {
				long wait = this.properties.poll().toMillis() << Math.min(this.failures, 8);
				this.wake.tryAcquire(Math.min(wait, 300_000), TimeUnit.MILLISECONDS);
				this.wake.drainPermits();
				Actor.as(Actor.MAILCHIMP, this::drain);
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					return;
				}
				this.failures++;
				log.warn("Could not apply Mailchimp's webhook events (tried again in a while): {}", ex.getMessage());
				failed("applying events: " + ex.getMessage());
			}
		}
	}

	/** Applies what waits, batch after batch, until nothing does. */
	void drain() {
		Settings current = this.settings.current();
		if (!current.enabled() || !current.complete() || current.audienceId() == null) {
			// kept: applied once the integration is on again
			return;
		}
		try (MailchimpClient client = this.clients.connect(current)) {
			while (this.running) {
				List<Waiting> batch = this.events.waiting(BATCH);
				if (batch.isEmpty()) {
					this.failures = 0;
					return;
				}
				Round round = apply(client, current.audienceId(), groups(batch));
				if (round.failure() != null) {
					this.failures++;
					failed(round.failure());
					return;
				}
				this.failures = 0;
				if (round.applied() == 0) {
					// all of them in another instance's hands: it applies them
					return;
				}
			}
		}
	}

	private record Round(int applied, @Nullable String failure) {
	}

	private Round apply(MailchimpClient client, String audienceId, List<MemberEvents> groups) {
		List<CompletableFuture<Optional<Member>>> reads = groups.stream()
			.map((group) -> CompletableFuture.supplyAsync(() -> client.member(audienceId, group.email()), this.readers))
			.toList();
		int applied = 0;
		String failure = null;
		for (int i = 0; i < groups.size(); i++) {
			MemberEvents group = groups.get(i);
			Optional<Member> member;
			try {
				member = reads.get(i).join();
			}
			catch (CompletionException ex) {
				String why = "reading " + group.email() + " from Mailchimp: "
						+ ((ex.getCause() != null) ? ex.getCause().getMessage() : ex.getMessage());
				failure = why;
				this.events.failed(group.ids(), why);
				giveUpOnWornOut(group);
				continue;
			}
			if (this.applier.apply(audienceId, group, member).isPresent()) {
				applied++;
			}
		}
		return new Round(applied, failure);
	}

	/**
	 * An event whose member could not be read {@link #MAX_ATTEMPTS} times is set aside
	 * (applied with its failure as the outcome) rather than tried for ever.
	 */
	private void giveUpOnWornOut(MemberEvents group) {
		// the attempts are counted in the database, which the read of the batch gave
		this.events.giveUp(group.ids(), MAX_ATTEMPTS);
	}

	/**
	 * The batch's events grouped by member, in order of each member's first event: the
	 * events of one address together; an address change alone, under its new address.
	 */
	static List<MemberEvents> groups(List<Waiting> batch) {
		Map<String, MemberEvents> groups = new LinkedHashMap<>();
		for (Waiting event : batch) {
			if ("upemail".equals(event.type()) && event.newEmail() != null) {
				groups.put("#" + event.id(), new MemberEvents(event.newEmail(), event.email(),
						new ArrayList<>(List.of(event.id())), new ArrayList<>(List.of(event.type()))));
				continue;
			}
			String email = (event.email() != null) ? event.email() : "";
			MemberEvents group = groups.computeIfAbsent(email.toLowerCase(Locale.ROOT),
					(key) -> new MemberEvents(email, null, new ArrayList<>(), new ArrayList<>()));
			group.ids().add(event.id());
			if (!group.types().contains(event.type())) {
				group.types().add(event.type());
			}
		}
		return List.copyOf(groups.values());
	}

	private void failed(String what) {
		try {
			this.state.failed(what);
		}
		catch (RuntimeException ex) {
			log.warn("Could not record the webhook's failure: {}", ex.getMessage());
		}
	}

}
