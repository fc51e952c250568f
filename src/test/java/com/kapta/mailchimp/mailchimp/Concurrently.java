package com.kapta.mailchimp.mailchimp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Runs a call from several threads at once, each making it a number of times, and waits
 * for all.
 */
final class Concurrently {

	private Concurrently() {
	}

	static void run(int callers, int callsEach, Runnable call) throws Exception {
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
		finally {
			pool.shutdownNow();
		}
	}

}
