package com.kapta.mailchimp.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the sandbox saw: requests per endpoint, writes, connections in flight, faults it
 * injected.
 */
public final class SandboxStats {

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> writes = new ConcurrentHashMap<>();

	private final LongAdder refusedOverLimit = new LongAdder();

	private final LongAdder faults = new LongAdder();

	private final LongAdder handlingNanos = new LongAdder();

	private final LongAdder handled = new LongAdder();

	int enter() {
		int now = this.inFlight.incrementAndGet();
		this.maxInFlight.accumulateAndGet(now, Math::max);
		return now;
	}

	void leave(long startNanos) {
		this.inFlight.decrementAndGet();
		this.handlingNanos.add(System.nanoTime() - startNanos);
		this.handled.increment();
	}

	/**
	 * The mean time the sandbox spent on a request, from reading it to answering (latency
	 * included).
	 */
	public double meanHandlingMillis() {
		long count = this.handled.sum();
		return (count == 0) ? 0 : this.handlingNanos.sum() / 1e6 / count;
	}

	void request(String endpoint) {
		this.requests.computeIfAbsent(endpoint, (key) -> new LongAdder()).increment();
	}

	void write(String endpoint) {
		this.writes.computeIfAbsent(endpoint, (key) -> new LongAdder()).increment();
	}

	void refusedOverLimit() {
		this.refusedOverLimit.increment();
	}

	void fault() {
		this.faults.increment();
	}

	/** The requests being answered now. */
	public int inFlight() {
		return this.inFlight.get();
	}

	/** The most requests that were in flight at once. */
	public int maxInFlight() {
		return this.maxInFlight.get();
	}

	/**
	 * Requests answered with 429 because more than the allowed connections were in
	 * flight.
	 */
	public long refusedOverLimitCount() {
		return this.refusedOverLimit.sum();
	}

	public long faultCount() {
		return this.faults.sum();
	}

	/**
	 * Requests per endpoint ({@code METHOD /path/{template}}), faults and refusals
	 * included.
	 */
	public Map<String, Long> requests() {
		return snapshot(this.requests);
	}

	/**
	 * Requests that changed (or could have changed) state, per endpoint: POST and PUT
	 * that were served.
	 */
	public Map<String, Long> writes() {
		return snapshot(this.writes);
	}

	public long totalRequests() {
		return this.requests.values().stream().mapToLong(LongAdder::sum).sum();
	}

	public long totalWrites() {
		return this.writes.values().stream().mapToLong(LongAdder::sum).sum();
	}

	private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
		Map<String, Long> copy = new TreeMap<>();
		counts.forEach((endpoint, count) -> copy.put(endpoint, count.sum()));
		return copy;
	}

}
