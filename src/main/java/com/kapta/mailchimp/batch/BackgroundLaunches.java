package com.kapta.mailchimp.batch;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.ServiceBusyException;
import com.kapta.mailchimp.audit.Actor;

/**
 * Launches that do not wait for their run to end (the web's: a request returns at once
 * with the run's id). The launch is a launcher's own call, with all its checks, made in a
 * thread of its own; the caller gets the run as soon as it exists in the job repository,
 * or the refusal if the launch was refused before (integration off, a run already going),
 * or after a bounded wait that the service is too busy to tell. Overlap rules and
 * stopping on shutdown are the {@link JobRunner}'s, as for every run.
 */
@Component
public class BackgroundLaunches implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(BackgroundLaunches.class);

	/**
	 * How long a caller waits for its run to exist: creating it takes milliseconds, but
	 * not while the database is overwhelmed, and a request must answer all the same.
	 */
	private static final Duration CREATION_WAIT = Duration.ofSeconds(20);

	private final AtomicInteger count = new AtomicInteger();

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "launch-" + this.count.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	});

	/** Starts what {@code launch} starts and returns the run once it exists. */
	public JobExecution start(Supplier<JobExecution> launch) {
		CompletableFuture<JobExecution> started = new CompletableFuture<>();
		// the run is launched by whoever asked for it, in the thread that launches it
		Actor actor = Actor.current();
		this.threads.execute(() -> {
			JobRunner.announceTo(started);
			try {
				started.complete(Actor.as(actor, launch));
			}
			catch (RuntimeException ex) {
				if (!started.completeExceptionally(ex)) {
					log.warn("A run launched in the background failed: {}", ex.getMessage());
				}
			}
			finally {
				JobRunner.announceTo(null);
			}
		});
		try {
			return started.get(CREATION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new ServiceBusyException("The run has not started within " + CREATION_WAIT.toSeconds()
					+ " s; it may still start: see the jobs list", ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException refused) ? refused
					: new KaptaException("The run could not start: " + ex.getCause().getMessage(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KaptaException("Interrupted while the run was starting", ex);
		}
	}

	@Override
	public void destroy() {
		// the runs themselves are stopped after their chunk by the JobRunner on shutdown
		this.threads.shutdown();
	}

}
