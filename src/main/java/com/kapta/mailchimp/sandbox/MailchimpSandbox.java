package com.kapta.mailchimp.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A stateful Mailchimp stand-in on 127.0.0.1 for tests, the demo and benchmarks: one
 * account with one audience, the endpoints Kapta uses under {@code /3.0}, Mailchimp's
 * rules and errors, its connection limit, and optional latency and fault injection. State
 * lives in memory.
 */
public final class MailchimpSandbox implements AutoCloseable {

	static {
		// the JDK server writes headers and body apart; with Nagle's algorithm on, each
		// answer would wait for the client's delayed ACK (~40 ms). Read once, when the
		// JDK's server classes load.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private final SandboxOptions options;

	private final String apiKey;

	private final SandboxAudience audience;

	private final SandboxStats stats = new SandboxStats();

	private final Random random;

	/** Seeds the n-th fault roll; see {@link #injectFault()}. */
	private final long faultSeed;

	private final AtomicLong faultRolls = new AtomicLong();

	private final HttpServer server;

	/** Whether {@link #close} ran: a second does nothing. */
	private final AtomicBoolean closed = new AtomicBoolean();

	private final ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "sandbox-http");
		thread.setDaemon(true);
		return thread;
	});

	/** Where webhook deliveries and their retries go out, off the callers' threads. */
	private final ScheduledExecutorService deliveries = Executors.newScheduledThreadPool(4, (task) -> {
		Thread thread = new Thread(task, "sandbox-webhook");
		thread.setDaemon(true);
		return thread;
	});

	private volatile double faultRate;

	private volatile int latencyMs;

	private volatile double spikeRate;

	private volatile int spikeMs;

	private volatile @Nullable Consumer<RecordedExchange> recorder;

	private volatile long failWritesAfter = -1;

	private volatile long failRequestsAfter = -1;

	private volatile int pageTimeoutAbove = Integer.MAX_VALUE;

	private volatile double pageTimeoutRate;

	private final AtomicLong pageTimeoutRolls = new AtomicLong();

	/**
	 * A request the sandbox answered, and its answer, as they crossed the wire (for
	 * contract tests).
	 *
	 * @param method HTTP method
	 * @param path the path, e.g. {@code /3.0/lists/abc/members}
	 * @param rawQuery the query string
	 * @param headers the request headers (first value of each)
	 * @param requestBody the request body (empty when none)
	 * @param status the answer's status
	 * @param contentType the answer's content type, if any
	 * @param responseBody the answer's body (empty when none)
	 */
	public record RecordedExchange(String method, String path, @Nullable String rawQuery, Map<String, String> headers,
			byte[] requestBody, int status, @Nullable String contentType, byte[] responseBody) {
	}

	private MailchimpSandbox(SandboxOptions options) throws IOException {
		this.options = options;
		this.random = new Random(options.randomSeed());
		this.faultSeed = options.randomSeed();
		this.apiKey = (options.apiKey() != null) ? options.apiKey() : generatedKey(this.random);
		this.faultRate = options.faultRate();
		this.latencyMs = options.latencyMs();
		this.audience = new SandboxAudience(hex(this.random, 10), options.audienceName(), new AtomicLong(1000),
				this.deliveries);
		options.tags().forEach(this.audience::createTagIfMissing);
		for (int i = 0; i < options.seedMembers(); i++) {
			List<String> tags = options.tags().isEmpty() ? List.of()
					: List.of(options.tags().get(i % options.tags().size()));
			this.audience.putMember("member" + i + "@example.com", "subscribed", tags.toArray(String[]::new));
		}
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", options.port()), 200);
		this.server.createContext("/3.0", new SandboxHandler(this));
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/** Sets the audience up in this shape (a benchmark's). */
	public void seed(SandboxShape shape) {
		shape.seed(this.audience);
	}

	/** Starts a sandbox; close it to stop. */
	public static MailchimpSandbox start(SandboxOptions options) {
		try {
			return new MailchimpSandbox(options);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot serve the sandbox on 127.0.0.1:" + options.port(), ex);
		}
	}

	/** {@code http://127.0.0.1:PORT/3.0}, the API URL to put in Kapta's settings. */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/3.0";
	}

	public String apiKey() {
		return this.apiKey;
	}

	public String audienceId() {
		return this.audience.id;
	}

	public SandboxAudience audience() {
		return this.audience;
	}

	public SandboxStats stats() {
		return this.stats;
	}

	SandboxOptions options() {
		return this.options;
	}

	/**
	 * Changes the share of requests that fail, e.g. to inject failures in the middle of a
	 * job.
	 */
	public void setFaultRate(double rate) {
		this.faultRate = rate;
	}

	/**
	 * From now on, once this many writes have been served in all, every request fails
	 * with 503 (before any change): an outage in the middle of a job, at a point tests
	 * choose. Negative ends the outage.
	 */
	public void failWritesAfter(long writes) {
		this.failWritesAfter = writes;
	}

	/**
	 * Like {@link #failWritesAfter}, counting every request (reads too). Negative ends
	 * the outage.
	 */
	public void failRequestsAfter(long requests) {
		this.failRequestsAfter = requests;
	}

	public void setLatencyMs(int millis) {
		this.latencyMs = millis;
	}

	/**
	 * From now on, this share of member list requests asking for more than
	 * {@code aboveCount} members is answered 504 Gateway Timeout, as live Mailchimp
	 * intermittently answers pages of 1000 (a smaller page succeeds). Rate 0 ends it.
	 */
	public void setPageTimeouts(int aboveCount, double rate) {
		this.pageTimeoutAbove = aboveCount;
		this.pageTimeoutRate = rate;
	}

	/**
	 * Hands every answered request to {@code recorder} ({@code null} stops recording).
	 */
	public void record(@Nullable Consumer<RecordedExchange> recorder) {
		this.recorder = recorder;
	}

	@Nullable Consumer<RecordedExchange> recorder() {
		return this.recorder;
	}

	/**
	 * From now on, this share of requests waits {@code millis} more before it is
	 * answered: the slow moments a real network and Mailchimp have.
	 */
	public void setLatencySpikes(double rate, int millis) {
		this.spikeRate = rate;
		this.spikeMs = millis;
	}

	/**
	 * How long this request waits before it is served: the latency, plus a spike now and
	 * then.
	 */
	int latencyMs() {
		double rate = this.spikeRate;
		return (rate > 0 && this.random.nextDouble() < rate) ? this.latencyMs + this.spikeMs : this.latencyMs;
	}

	SandboxAudience audience(String listId) {
		if (!this.audience.id.equals(listId)) {
			throw SandboxProblem.notFound("list " + listId);
		}
		return this.audience;
	}

	Map<String, Object> lists(int offset, int count) {
		List<Map<String, Object>> lists = List.of(this.audience.listJson());
		return Map.of("lists", lists.stream().skip(offset).limit(count).toList(), "total_items", lists.size());
	}

	/**
	 * A fault to answer instead, at the configured rate: 429, 503, or a connection
	 * dropped without an answer; {@code null} for none.
	 */
	SandboxHandler.@Nullable Reply injectFault() {
		long writesBefore = this.failWritesAfter;
		long requestsBefore = this.failRequestsAfter;
		if ((writesBefore >= 0 && this.stats.totalWrites() >= writesBefore)
				|| (requestsBefore >= 0 && this.stats.totalRequests() > requestsBefore)) {
			this.stats.fault();
			return new SandboxHandler.Reply(503, "application/problem+json", problem(503, "Service Unavailable"));
		}
		double rate = this.faultRate;
		if (rate <= 0) {
			return null;
		}
		// the n-th request's roll depends on n and the seed alone, not on how concurrent
		// requests interleave: a seed gives the same faults every run (a short run
		// drawing none at 20% made a test flaky)
		SplittableRandom roll = new SplittableRandom(this.faultSeed + this.faultRolls.incrementAndGet());
		if (roll.nextDouble() >= rate) {
			return null;
		}
		this.stats.fault();
		return switch (roll.nextInt(3)) {
			case 0 -> new SandboxHandler.Reply(429, "application/problem+json", problem(429, "Too Many Requests"));
			case 1 -> new SandboxHandler.Reply(503, "application/problem+json", problem(503, "Service Unavailable"));
			default -> SandboxHandler.Reply.DROP;
		};
	}

	/**
	 * A 504 to answer instead of this member page, at the configured rate; {@code null}
	 * for none.
	 */
	SandboxHandler.@Nullable Reply pageTimeout(SandboxRoutes.Call call) {
		String[] p = call.path();
		// the audience's member pages and a tag's
		boolean memberPage = call.method().equals("GET") && ((p.length == 3 && p[2].equals("members"))
				|| (p.length == 5 && p[2].equals("segments") && p[4].equals("members")));
		String count = call.param("count");
		double rate = this.pageTimeoutRate;
		if (!memberPage || rate <= 0 || count == null || !count.matches("\\d{1,9}")
				|| Integer.parseInt(count) <= this.pageTimeoutAbove) {
			return null;
		}
		// repeatable like the faults: the n-th roll depends on the seed and n alone
		if (new SplittableRandom(~this.faultSeed + this.pageTimeoutRolls.incrementAndGet()).nextDouble() >= rate) {
			return null;
		}
		this.stats.fault();
		return new SandboxHandler.Reply(504, "application/problem+json", problem(504, "Gateway Timeout"));
	}

	private static byte[] problem(int status, String title) {
		return ("{\"type\":\"https://mailchimp.com/developer/marketing/docs/errors/\",\"title\":\"" + title
				+ "\",\"status\":" + status + ",\"detail\":\"Injected by the sandbox.\",\"instance\":\"sandbox\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		if (this.closed.getAndSet(true)) {
			return;
		}
		this.server.stop(0);
		this.executor.shutdownNow();
		this.deliveries.shutdownNow();
	}

	private static String generatedKey(Random random) {
		return hex(random, 32) + "-us1";
	}

	private static String hex(Random random, int length) {
		var hex = new StringBuilder();
		for (int i = 0; i < length; i++) {
			hex.append(Character.forDigit(random.nextInt(16), 16));
		}
		return hex.toString();
	}

}
