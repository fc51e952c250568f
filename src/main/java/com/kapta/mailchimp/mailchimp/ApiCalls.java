package com.kapta.mailchimp.mailchimp;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of the HTTP requests a client made, per endpoint (e.g. {@code POST
 * /lists/{list_id}}) and outcome, for job reports and benchmarks. Thread-safe: partitions
 * share one client.
 */
public class ApiCalls {

	/**
	 * The counts of one endpoint.
	 *
	 * @param endpoint method and path template
	 * @param requests HTTP requests sent (every attempt)
	 * @param ok calls that succeeded
	 * @param retried attempts that failed transiently and were tried again
	 * @param failed calls that failed for good
	 */
	public record Count(String endpoint, long requests, long ok, long retried, long failed) {
	}

	private record Counters(LongAdder requests, LongAdder ok, LongAdder retried, LongAdder failed) {

		Counters() {
			this(new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder());
		}

	}

	private final Map<String, Counters> byEndpoint = new ConcurrentHashMap<>();

	void request(String endpoint) {
		counters(endpoint).requests().increment();
	}

	void ok(String endpoint) {
		counters(endpoint).ok().increment();
	}

	void retried(String endpoint) {
		counters(endpoint).retried().increment();
	}

	void failed(String endpoint) {
		counters(endpoint).failed().increment();
	}

	/** The counts so far, by endpoint. */
	public List<Count> counts() {
		return this.byEndpoint.entrySet()
			.stream()
			.map((e) -> new Count(e.getKey(), e.getValue().requests().sum(), e.getValue().ok().sum(),
					e.getValue().retried().sum(), e.getValue().failed().sum()))
			.sorted(Comparator.comparing(Count::endpoint))
			.toList();
	}

	/** All HTTP requests sent, retries included. */
	public long totalRequests() {
		return this.byEndpoint.values().stream().mapToLong((c) -> c.requests().sum()).sum();
	}

	public long totalRetried() {
		return this.byEndpoint.values().stream().mapToLong((c) -> c.retried().sum()).sum();
	}

	private Counters counters(String endpoint) {
		return this.byEndpoint.computeIfAbsent(endpoint, (key) -> new Counters());
	}

}
