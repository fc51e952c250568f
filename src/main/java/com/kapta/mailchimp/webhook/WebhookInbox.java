package com.kapta.mailchimp.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.ServiceBusyException;

/**
 * Stores the events the endpoint receives, many in one transaction: a request hands its
 * event over and waits until the transaction that holds it has committed (so Mailchimp's
 * 200 still means stored), while one writer commits whatever arrived meanwhile together.
 * One commit a delivery made the database's log sync the endpoint's limit.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebhookInbox implements SmartLifecycle {

	/** What became of a delivery. */
	enum Stored {

		/** Stored, to be applied. */
		NEW,
		/** Stored already: a retry or a replay. */
		AGAIN,
		/** Another audience's event, or none is configured: not Kapta's business. */
		NOT_OURS

	}

	private static final Logger log = LoggerFactory.getLogger(WebhookInbox.class);

	/** The most a transaction stores. */
	private static final int BATCH = 500;

	/** How long a request waits for its commit before it answers 503. */
	private static final long WAIT_SECONDS = 10;

	record Arrival(byte[] body, WebhookEvent event, CompletableFuture<Stored> stored) {
	}

	private final BlockingQueue<Arrival> queue = new LinkedBlockingQueue<>(10 * BATCH);

	private final WebhookEvents events;

	private final ObjectProvider<WebhookWorker> worker;

	private volatile boolean running;

	private @Nullable Thread writer;

	WebhookInbox(WebhookEvents events, ObjectProvider<WebhookWorker> worker) {
		this.events = events;
		this.worker = worker;
	}

	/**
	 * Stores the event once it is committed; {@link ServiceBusyException} when the
	 * database does not take it in time (Mailchimp delivers it again later).
	 */
	Stored store(byte[] body, WebhookEvent event) throws InterruptedException {
		var arrival = new Arrival(body, event, new CompletableFuture<>());
		if (!this.running || !this.queue.offer(arrival, WAIT_SECONDS, TimeUnit.SECONDS)) {
			throw new ServiceBusyException("The webhook's events wait to be stored");
		}
		try {
			return arrival.stored().get(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new ServiceBusyException("The webhook's event could not be stored", ex);
		}
	}

	@Override
	public synchronized void start() {
		this.running = true;
		Thread thread = new Thread(this::write, "kapta-webhook-inbox");
		thread.setDaemon(true);
		this.writer = thread;
		thread.start();
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		if (this.writer != null) {
			this.writer.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void write() {
		List<Arrival> batch = new ArrayList<>(BATCH);
		while (this.running) {
			try {
				batch.add(this.queue.take());
				this.queue.drainTo(batch, BATCH - 1);
				List<Stored> stored = this.events.storeAll(batch);
				for (int i = 0; i < batch.size(); i++) {
					batch.get(i).stored().complete(stored.get(i));
				}
				if (stored.contains(Stored.NEW)) {
					this.worker.ifAvailable(WebhookWorker::wake);
				}
			}
			catch (InterruptedException ex) {
				batch.forEach((arrival) -> arrival.stored().completeExceptionally(ex));
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Could not store {} webhook events (Mailchimp delivers them again): {}", batch.size(),
						ex.getMessage());
				batch.forEach((arrival) -> arrival.stored().completeExceptionally(ex));
			}
			finally {
				batch.clear();
			}
		}
	}

}
