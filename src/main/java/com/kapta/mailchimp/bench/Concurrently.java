package com.kapta.mailchimp.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Runs a call from several threads at once, each making it a number of times, and waits
 * for all: the client benchmark's load, and the connection-limit tests'.
 */
public final class Concurrently {

	private Concurrently() {
	}

	/** A call that failed is rethrown as it was thrown. */
	public static void run(int callers, int callsEach, Runnable call) {
		ExecutorService pool = Executors.newFixedThreadPool(callers);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				futures.add(pool.submit(() -> IntStream.range(0, callsEach).forEach((n) -> call.run())));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while calls were running", ex);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
