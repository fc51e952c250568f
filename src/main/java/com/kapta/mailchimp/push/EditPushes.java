package com.kapta.mailchimp.push;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.audit.Actor;
import com.kapta.mailchimp.batch.JobBusyException;
import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.contact.Outbox;

/**
 * Sends Kapta's edits to Mailchimp right away, one push at a time however many edits
 * arrive together. Every edit (console, API, command line) and the service's timer ask
 * for a push here; the asks that arrive while a push runs share the next one, which
 * starts as soon as the running one ends. A push sends what the outbox holds when it
 * starts, so the push after an ask carries that ask's change. Pushes run in a thread of
 * their own, never in a request's: a request only waits, a bounded time, to tell whether
 * its change went. A push that another process runs (a command line push, the other
 * instance) keeps the next one waiting until it ends. These pushes never resume or
 * recover an interrupted push: that is the service start's and the recovery check's,
 * which know who owns a run.
 */
@Component
public class EditPushes implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(EditPushes.class);

	/** How often a push kept out by another process's is tried again. */
	private static final long BUSY_PAUSE_MS = 250;

	/** Where queued changes go later. */
	private static final String LATER = "'./run.sh push' or the service";

	/** What one push came to: its run, or why it could not start. */
	public record Outcome(@Nullable JobExecution run, @Nullable String refusal) {
	}

	private final PushLauncher launcher;

	private final Outbox outbox;

	private final PushProperties properties;

	private final ExecutorService thread = Executors.newSingleThreadExecutor((task) -> {
		Thread pusher = new Thread(task, "push-after-edits");
		pusher.setDaemon(true);
		return pusher;
	});

	/**
	 * Guarded by this: the push the next asks share, whether it is asked, and running.
	 */
	private CompletableFuture<Outcome> next = new CompletableFuture<>();

	private boolean asked;

	private boolean pushing;

	EditPushes(PushLauncher launcher, Outbox outbox, PushProperties properties) {
		this.launcher = launcher;
		this.outbox = outbox;
		this.properties = properties;
	}

	/**
	 * Asks for a push that starts after this call; the answer completes when that push
	 * ends (or could not start).
	 */
	public synchronized CompletableFuture<Outcome> push() {
		this.asked = true;
		if (!this.pushing) {
			try {
				// a push carries the edits of whoever made them: the service's own doing
				this.thread.execute(() -> Actor.as(Actor.SCHEDULE, this::pushWhileAsked));
				this.pushing = true;
			}
			catch (RejectedExecutionException ex) {
				return CompletableFuture.completedFuture(new Outcome(null, "the service is stopping"));
			}
		}
		return this.next;
	}

	/**
	 * After a contact's edit is saved: while the integration is on and the contact has a
	 * change waiting, asks for a push and waits up to {@code wait} for it. Says in one
	 * sentence what became of the contact's newest change.
	 */
	public String afterEdit(long contactId, Duration wait) {
		if (!this.launcher.integrationOn()) {
			return "The integration is off: nothing goes to Mailchimp.";
		}
		Optional<Outbox.Newest> newest = this.outbox.newestOf(contactId);
		if (newest.isEmpty()) {
			return "Nothing was to send.";
		}
		if (!newest.get().waiting()) {
			// a push that another edit asked for has carried it already
			return describe(newest.get(), null);
		}
		CompletableFuture<Outcome> pushed = push();
		Outcome outcome;
		try {
			outcome = pushed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			return "It waits in the outbox: a push is sending the waiting changes and goes on.";
		}
		catch (ExecutionException ex) {
			outcome = new Outcome(null, ex.getCause().getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "It waits in the outbox for the next push (" + LATER + ").";
		}
		return describe(outcome, contactId);
	}

	/** As {@link #afterEdit(long, Duration)}, waiting as long as the setting says. */
	public String afterEdit(long contactId) {
		return afterEdit(contactId, this.properties.editWait());
	}

	/**
	 * After changes saved by a command: while the integration is on and something waits,
	 * pushes and waits for the push to end. Says in one sentence what it sent; empty when
	 * nothing was to send.
	 */
	public Optional<String> afterCommand() {
		if (!this.launcher.worthRunning()) {
			return Optional.empty();
		}
		Outcome outcome;
		try {
			outcome = push().get();
		}
		catch (ExecutionException ex) {
			outcome = new Outcome(null, ex.getCause().getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			outcome = new Outcome(null, "interrupted");
		}
		if (outcome.run() == null) {
			return Optional.of(notSent(outcome.refusal()));
		}
		JobExecution run = outcome.run();
		if (run.getStatus() != BatchStatus.COMPLETED) {
			return Optional.of(notAll(run));
		}
		Map<String, String> lines = RunSummary.lines(run);
		return Optional.of("Sent to Mailchimp: " + lines.getOrDefault("Added to Mailchimp", "0") + " added, tags added "
				+ lines.getOrDefault("Tags added", "0") + ", tags removed " + lines.getOrDefault("Tags removed", "0")
				+ ", failed " + lines.getOrDefault("Failed for good (not sent again)", "0") + ".");
	}

	private static String notSent(@Nullable String refusal) {
		return "Not sent to Mailchimp yet (" + refusal + "); the change stays queued for the next push (" + LATER
				+ ").";
	}

	private static String notAll(JobExecution run) {
		return "Not all changes reached Mailchimp (push " + run.getStatus() + "); they stay queued for the next push ("
				+ LATER + ").";
	}

	private String describe(Outcome outcome, long contactId) {
		if (outcome.run() == null) {
			return notSent(outcome.refusal());
		}
		return describe(this.outbox.newestOf(contactId).orElse(new Outbox.Newest(false, null)), outcome.run());
	}

	/**
	 * What became of the contact's newest change, after {@code run} if one was waited
	 * for.
	 */
	private static String describe(Outbox.Newest newest, @Nullable JobExecution run) {
		String which = (run != null) ? "push run " + run.getId() : "a push";
		if (newest.failure() != null) {
			return "Mailchimp refused it for good (" + newest.failure() + "); the report of " + which + " lists it.";
		}
		if (newest.waiting()) {
			return (run == null || run.getStatus() == BatchStatus.COMPLETED)
					? "It waits in the outbox for the next push (" + LATER + ")." : notAll(run);
		}
		return "Sent to Mailchimp (" + which + ").";
	}

	/** The pusher's loop: one push per round of asks, until no ask is left. */
	private void pushWhileAsked() {
		CompletableFuture<Outcome> round = null;
		try {
			while (true) {
				synchronized (this) {
					if (!this.asked) {
						this.pushing = false;
						return;
					}
					this.asked = false;
					round = this.next;
					this.next = new CompletableFuture<>();
				}
				round.complete(pushOnce());
			}
		}
		catch (Error ex) {
			// the next ask starts a pusher again; nobody waits for this round for ever
			synchronized (this) {
				this.pushing = false;
			}
			if (round != null) {
				round.completeExceptionally(ex);
			}
			throw ex;
		}
	}

	/**
	 * One push; while another process's push holds the lock, tried again after it (for at
	 * most {@code kapta.push.busy-retry}).
	 */
	private Outcome pushOnce() {
		long giveUp = System.nanoTime() + this.properties.busyRetry().toNanos();
		while (true) {
			try {
				return new Outcome(this.launcher.launchNew(), null);
			}
			catch (JobBusyException ex) {
				if (System.nanoTime() > giveUp || !pause()) {
					return new Outcome(null, ex.getMessage());
				}
			}
			catch (KaptaException ex) {
				return new Outcome(null, ex.getMessage());
			}
			catch (RuntimeException ex) {
				// the database or anything else: the changes stay queued; the next ask
				// tries again
				log.warn("A push after edits could not run: {}", ex.toString());
				return new Outcome(null, "the push could not run; see the service's log");
			}
		}
	}

	private static boolean pause() {
		try {
			Thread.sleep(BUSY_PAUSE_MS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public void destroy() {
		// a running push is stopped after its chunk by the JobRunner when the application
		// closes
		this.thread.shutdownNow();
	}

}
