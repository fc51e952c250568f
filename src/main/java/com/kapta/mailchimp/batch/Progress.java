package com.kapta.mailchimp.batch;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * Progress of a run, printed every few seconds while it runs: done / total, rate and time
 * left. Chunks of all partitions report here; one per job execution.
 */
public class Progress implements AutoCloseable {

	private final String what;

	private final PrintStream out;

	private final AtomicLong done = new AtomicLong();

	private final long startNanos = System.nanoTime();

	private volatile long total;

	private final ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "progress");
		thread.setDaemon(true);
		return thread;
	});

	public Progress(String what, PrintStream out, Duration every) {
		this(what, out);
		this.printer.scheduleAtFixedRate(this::print, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
	}

	private Progress(String what, PrintStream out) {
		this.what = what;
		this.out = out;
	}

	/** A progress that counts and prints nothing. */
	public static Progress silent(String what) {
		Progress silent = new Progress(what, System.out);
		silent.close();
		return silent;
	}

	public void total(long items) {
		this.total = items;
	}

	/**
	 * Adds items learnt of while the run goes (e.g. a part of the work that could not be
	 * counted first).
	 */
	public void grow(long items) {
		synchronized (this) {
			this.total += items;
		}
	}

	public void advance(long items) {
		this.done.addAndGet(items);
	}

	/**
	 * Where the run stands: done, of how many (0 when not known yet), the rate so far,
	 * and the time left at that rate when it can be told.
	 */
	public record Snapshot(long done, long total, double perSecond, @Nullable Long secondsLeft) {
	}

	public Snapshot snapshot() {
		long now = this.done.get();
		double seconds = (System.nanoTime() - this.startNanos) / 1e9;
		double rate = (seconds > 0) ? now / seconds : 0;
		Long left = (rate > 0 && this.total > now) ? (long) ((this.total - now) / rate) : null;
		return new Snapshot(now, this.total, rate, left);
	}

	void print() {
		Snapshot now = snapshot();
		String left = (now.secondsLeft() != null) ? ", about " + format(now.secondsLeft()) + " left" : "";
		String of = (now.total() > 0) ? " / " + now.total() + " (" + (100 * now.done() / now.total()) + "%)" : "";
		this.out.printf("%s: %d%s, %.0f/s%s%n", this.what, now.done(), of, now.perSecond(), left);
	}

	private static String format(long seconds) {
		return (seconds >= 3600) ? String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60)
				: String.format("%dm%02ds", seconds / 60, seconds % 60);
	}

	@Override
	public void close() {
		this.printer.shutdownNow();
	}

}
