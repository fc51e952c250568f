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
	 * The benchmark's line:
	 * {@code bench job=… items=… calls=… min_calls=… wall_s=… bound_s=… ratio=… peak_heap_mb=…}.
	 */
	String line() {
		double bound = boundSeconds();
		return String.format(Locale.ROOT,
				"bench job=%s items=%d calls=%d min_calls=%d wall_s=%.1f bound_s=%.1f ratio=%s peak_heap_mb=%d",
				this.job, this.items, this.calls, this.minCalls, this.wallSeconds, bound,
				(bound > 0) ? String.format(Locale.ROOT, "%.2f", this.wallSeconds / bound) : "-", this.peakHeapMb);
	}

}
