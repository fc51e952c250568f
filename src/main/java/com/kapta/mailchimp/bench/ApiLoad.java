package com.kapta.mailchimp.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;

/**
 * Kapta's application calling the API as it would on every contact save: N clients, each
 * with its own connection and token header, each sending its next request when the last
 * one answered, for a while. Reads (a contact search, the job list, a run's status) and
 * tag edits in a given mix; the clients are spread over the instances.
 */
final class ApiLoad {

	/** What a request does. */
	enum Kind {

		SEARCH, JOBS, RUN, EDIT;

		static final List<Kind> READS = List.of(SEARCH, JOBS, RUN);

	}

	/** One tag edit: add {@code tag} to the contact {@code email}. */
	record Edit(String email, String tag) {
	}

	/** What a request is given before it counts as timed out. */
	static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final List<URI> services;

	private final String token;

	private final int readsPerEdit;

	private final LongFunction<Edit> edits;

	private final long runId;

	private final int contacts;

	private final AtomicLong nextEdit = new AtomicLong();

	private final Figures figures = new Figures();

	/**
	 * @param edits the n-th edit (n from 0): each a distinct contact and tag, so that the
	 * bench can tell each one reached Mailchimp once
	 * @param runId the run whose status the reads ask
	 * @param contacts how many contacts the searches spread over
	 */
	ApiLoad(List<URI> services, String token, int readsPerEdit, LongFunction<Edit> edits, long runId, int contacts) {
		this.services = services;
		this.token = token;
		this.readsPerEdit = readsPerEdit;
		this.edits = edits;
		this.runId = runId;
		this.contacts = contacts;
	}

	/** Runs {@code clients} clients for {@code length}, and returns what they saw. */
	Figures run(int clients, Duration length) throws InterruptedException {
		long deadline = System.nanoTime() + length.toNanos();
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			URI service = this.services.get(c % this.services.size());
			int client = c;
			Thread thread = new Thread(() -> client(client, service, deadline), "bench-client-" + c);
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		this.figures.seconds = length.toMillis() / 1000.0;
		return this.figures;
	}

	/** Edits sent so far, in the order they were given out. */
	long editsGiven() {
		return this.nextEdit.get();
	}

	private void client(int client, URI service, long deadline) {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		long n = client;
		while (System.nanoTime() < deadline) {
			Kind kind = ((n % (this.readsPerEdit + 1)) == this.readsPerEdit) ? Kind.EDIT : Kind.values()[(int) (n % 3)];
			send(http, kind, request(service, kind, n));
			n++;
		}
	}

	private HttpRequest request(URI service, Kind kind, long n) {
		HttpRequest.Builder request = switch (kind) {
			case SEARCH -> HttpRequest.newBuilder(
					service.resolve("/api/contacts?size=20&q=" + WebBenchmark.KEPT + (n * 7919 % this.contacts)));
			case JOBS -> HttpRequest.newBuilder(service.resolve("/api/jobs?limit=20"));
			case RUN -> HttpRequest.newBuilder(service.resolve("/api/jobs/" + this.runId));
			case EDIT -> {
				Edit edit = this.edits.apply(this.nextEdit.getAndIncrement());
				yield HttpRequest.newBuilder(service.resolve("/api/contacts/tags"))
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers
						.ofString("{\"email\":\"" + edit.email() + "\",\"add\":[\"" + edit.tag() + "\"]}"));
			}
		};
		return request.header("Authorization", "Bearer " + this.token).timeout(TIMEOUT).build();
	}

	private void send(HttpClient http, Kind kind, HttpRequest request) {
		long start = System.nanoTime();
		try {
			HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
			this.figures.record(kind, answer.statusCode(), (System.nanoTime() - start) / 1_000_000,
					kind == Kind.EDIT && answer.body().contains("Sent to Mailchimp"));
		}
		catch (HttpTimeoutException ex) {
			this.figures.timeouts.increment();
		}
		catch (IOException ex) {
			this.figures.dropped.increment();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** What the clients saw: latencies per kind, answers by status, failures. */
	static final class Figures {

		private final Map<Kind, List<Long>> millis = new EnumMap<>(Kind.class);

		private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

		final LongAdder timeouts = new LongAdder();

		final LongAdder dropped = new LongAdder();

		final LongAdder editsSent = new LongAdder();

		/** Edits answered, but not with 200: their change may not be saved. */
		final LongAdder failedEdits = new LongAdder();

		double seconds;

		Figures() {
			for (Kind kind : Kind.values()) {
				this.millis.put(kind, Collections.synchronizedList(new ArrayList<>()));
			}
		}

		void record(Kind kind, int status, long elapsedMillis, boolean sent) {
			this.millis.get(kind).add(elapsedMillis);
			this.statuses.computeIfAbsent(status, (code) -> new LongAdder()).increment();
			if (sent) {
				this.editsSent.increment();
			}
			if (kind == Kind.EDIT && status != 200) {
				this.failedEdits.increment();
			}
		}

		/** Requests answered of this kind. */
		int count(Kind kind) {
			return this.millis.get(kind).size();
		}

		/**
		 * The p-th percentile (0 to 100) of these kinds' answer times together, in ms.
		 */
		long percentile(List<Kind> kinds, double p) {
			List<Long> sorted = new ArrayList<>();
			kinds.forEach((kind) -> sorted.addAll(List.copyOf(this.millis.get(kind))));
			if (sorted.isEmpty()) {
				return 0;
			}
			Collections.sort(sorted);
			int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
			return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
		}

		/** How many answers had each status. */
		Map<Integer, Long> statuses() {
			Map<Integer, Long> copy = new TreeMap<>();
			this.statuses.forEach((status, count) -> copy.put(status, count.sum()));
			return copy;
		}

		long serverErrors() {
			return statuses().entrySet().stream().filter((e) -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
		}

	}

}
