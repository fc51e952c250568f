package com.kapta.mailchimp.bench;

import java.util.Locale;

/**
 * One job's figures against the physical bound: Mailchimp allows 10 connections, so
 * {@code calls} calls of {@code latency} each take at least calls × latency ÷ 10.
 *
 * @param job the job
 * @param items contacts, members or rows it handled
 * @param calls API calls it made
 * @param minCalls the bulk minimum for that work
 * @param wallSeconds how long it took
 * @param latencyMs the sandbox's latency per call
 * @param peakHeapMb the heap's peak while it ran
 */
record BenchFigures(String job, long items, long calls, long minCalls, double wallSeconds, int latencyMs,
		long peakHeapMb) {

	double boundSeconds() {
		return this.calls * this.latencyMs / 10.0 / 1000;
	}

	/**
	 * The wall time the job promises at this latency (issue 19): within 1.1 × the bound +
	 * 5 s when a call takes a second or more, as live Mailchimp's batch calls do; within
	 * 1.3 × the bound + 10 s at shorter latencies, where the machine's own work weighs
	 * more.
	 */
	double targetSeconds() {
		return (this.latencyMs >= 1000) ? 1.1 * boundSeconds() + 5 : 1.3 * boundSeconds() + 10;
	}

	/** The calls the job promises: within 1.05 × the bulk minimum + 2. */
	long targetCalls() {
		return (long) Math.floor(1.05 * this.minCalls + 2);
	}

	/**
	 * The benchmark's line:
	 * {@code bench job=… items=… calls=… min_calls=… wall_s=… bound_s=… ratio=… peak_heap_mb=…
	 * target_wall_s=… (met|missed) target_calls=… (met|missed)}; a job that makes no call
	 * has no targets ({@code -}).
	 */
	String line() {
		double bound = boundSeconds();
		String targets = (this.calls == 0) ? "target_wall_s=- target_calls=-"
				: String.format(Locale.ROOT, "target_wall_s=%.1f (%s) target_calls=%d (%s)", targetSeconds(),
						(this.wallSeconds <= targetSeconds()) ? "met" : "missed", targetCalls(),
						(this.calls <= targetCalls()) ? "met" : "missed");
		return String.format(Locale.ROOT,
				"bench job=%s items=%d calls=%d min_calls=%d wall_s=%.1f bound_s=%.1f ratio=%s peak_heap_mb=%d %s",
				this.job, this.items, this.calls, this.minCalls, this.wallSeconds, bound,
				(bound > 0) ? String.format(Locale.ROOT, "%.2f", this.wallSeconds / bound) : "-", this.peakHeapMb,
				targets);
	}
}
