package com.kapta.mailchimp.mailchimp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Bulk calls of a job's chunk, side by side: as many at once as Mailchimp's connections
 * allow, so that a chunk of several calls' worth of members keeps the connections busy;
 * or a reader's next call, made while its last answer is written. One per writer or
 * reader; closed with it.
 */
public final class BulkCalls implements AutoCloseable {

	private final ExecutorService threads;

	public BulkCalls(int maxConnections) {
		this.threads = Executors.newFixedThreadPool(maxConnections, (task) -> {
			Thread thread = new Thread(task, "mailchimp-bulk");
			thread.setDaemon(true);
			return thread;
		});
	}

	/** The list in pieces of at most 500: what one bulk call takes. */
	public static <T> List<List<T>> batches(List<T> all) {
		List<List<T>> batches = new ArrayList<>();
		for (int from = 0; from < all.size(); from += MailchimpClient.MAX_MEMBERS_PER_WRITE) {
			batches.add(all.subList(from, Math.min(all.size(), from + MailchimpClient.MAX_MEMBERS_PER_WRITE)));
		}
		return batches;
	}

	/**
	 * Makes the calls side by side and returns their answers in the calls' order; when
	 * one fails, the first failure is thrown once all calls ended (every call is
	 * idempotent: a re-run of the chunk is safe).
	 */
	public <T, R> List<R> sideBySide(List<T> calls, Function<T, R> call) {
		List<CompletableFuture<R>> answers = calls.stream().map((one) -> ahead(() -> call.apply(one))).toList();
		answer(CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)));
		return answers.stream().map(CompletableFuture::join).toList();
	}

	/**
	 * Starts one call on a thread of these, while the caller goes on (a reader asks for
	 * its next page while the last one is written). The caller's log context (the run a
	 * line belongs to) goes along with it.
	 */
	public <R> CompletableFuture<R> ahead(Supplier<R> call) {
		Map<String, String> context = MDC.getCopyOfContextMap();
		return CompletableFuture.supplyAsync(() -> withContext(context, call), this.threads);
	}

	/** Waits for a call started ahead: its answer, or its failure as it was thrown. */
	public static <R> R answer(CompletableFuture<R> call) {
		try {
			return call.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

	private static <R> R withContext(@Nullable Map<String, String> context, Supplier<R> call) {
		if (context == null) {
			return call.get();
		}
		MDC.setContextMap(context);
		try {
			return call.get();
		}
		finally {
			MDC.clear();
		}
	}

	@Override
	public void close() {
		this.threads.shutdownNow();
	}

}
