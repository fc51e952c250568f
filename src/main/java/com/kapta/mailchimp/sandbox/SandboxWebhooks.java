package com.kapta.mailchimp.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import com.kapta.mailchimp.mailchimp.WebhookSignature;

/**
 * An audience's webhooks, as Mailchimp keeps and calls them: created only for a URL that
 * answers a GET with 200, one per URL; each change of a member it listens to (by event
 * type and by source: {@code user}, {@code admin}, {@code api}) is delivered as a form
 * POST signed with the webhook's secret; a delivery not answered 2xx in time is retried
 * at growing intervals, and a 410 answer disables the webhook for good. Guarded by its
 * audience's lock; deliveries go out on the sandbox's delivery threads.
 */
final class SandboxWebhooks {

	static final List<String> EVENTS = List.of("subscribe", "unsubscribe", "profile", "cleaned", "upemail", "campaign");

	static final List<String> SOURCES = List.of("user", "admin", "api");

	/** Mailchimp's {@code fired_at}: UTC, no zone. */
	private static final DateTimeFormatter FIRED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private final String listId;

	private final ScheduledExecutorService deliveries;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	/** How long a delivery may take before it counts as failed: Mailchimp's 10 s. */
	private volatile Duration timeout = Duration.ofSeconds(10);

	/** Retries of a failed delivery; Mailchimp's span 75 minutes. */
	private volatile int retries = 5;

	/** The wait before the first retry, doubled before each next one. */
	private volatile Duration firstRetry = Duration.ofSeconds(2);

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Hook> hooks = new LinkedHashMap<>();

	SandboxWebhooks(String listId, ScheduledExecutorService deliveries) {
		this.listId = listId;
		this.deliveries = deliveries;
	}

	/**
	 * How deliveries wait and retry (faster than Mailchimp's 75 minutes, for tests and
	 * demos).
	 */
	void deliveries(Duration timeout, int retries, Duration firstRetry) {
		this.timeout = timeout;
		this.retries = retries;
		this.firstRetry = firstRetry;
	}

	/** One webhook: where it delivers, what it listens to, and its signing secret. */
	private static final class Hook {

		final String id;

		/** Changed under the audience's lock, read by the delivery threads. */
		volatile String url;

		Map<String, Boolean> events;

		Map<String, Boolean> sources;

		final String secret;

		volatile boolean enabled = true;

		Hook(String id, String url, Map<String, Boolean> events, Map<String, Boolean> sources, String secret) {
			this.id = id;
			this.url = url;
			this.events = events;
			this.sources = sources;
			this.secret = secret;
		}

	}

	// --- the API ---

	Map<String, Object> create(Map<String, Object> body) {
		String url = url(body.get("url"));
		refuseTaken(url, null);
		verify(url);
		Hook hook = new Hook(hex(5), url, flags(body.get("events"), EVENTS), flags(body.get("sources"), SOURCES),
				hex(32));
		this.hooks.put(hook.id, hook);
		Map<String, Object> json = render(hook);
		// the only time Mailchimp shows it
		json.put("signing_secret", hook.secret);
		return json;
	}

	Map<String, Object> list() {
		List<Map<String, Object>> all = this.hooks.values().stream().map(this::render).toList();
		return Map.of("webhooks", all, "list_id", this.listId, "total_items", all.size());
	}

	Map<String, Object> get(String id) {
		return render(require(id));
	}

	Map<String, Object> update(String id, Map<String, Object> body) {
		Hook hook = require(id);
		if (body.containsKey("url")) {
			String url = url(body.get("url"));
			if (!url.equals(hook.url)) {
				refuseTaken(url, hook);
				verify(url);
				hook.url = url;
			}
		}
		if (body.containsKey("events")) {
			hook.events = merged(hook.events, body.get("events"));
		}
		if (body.containsKey("sources")) {
			hook.sources = merged(hook.sources, body.get("sources"));
		}
		return render(hook);
	}

	/**
	 * Whether the webhook still delivers (a 410 answer ends it; Mailchimp's API does not
	 * say).
	 */
	boolean enabled(String id) {
		return require(id).enabled;
	}

	void delete(String id) {
		this.hooks.remove(require(id).id);
	}

	// --- deliveries ---

	/**
	 * Delivers the event to every enabled webhook that listens to its type and source
	 * ({@code null}: a change no person or call made, e.g. a bounce, heard whatever the
	 * sources).
	 * @param data the {@code data[...]} fields, e.g. {@code email}, {@code merges[FNAME]}
	 */
	void fire(String type, @Nullable String source, Map<String, String> data) {
		String fired = FIRED_AT.format(Instant.now());
		for (Hook hook : this.hooks.values()) {
			boolean listens = hook.enabled && Boolean.TRUE.equals(hook.events.get(type))
					&& (source == null || Boolean.TRUE.equals(hook.sources.get(source)));
			if (listens) {
				String body = form(type, fired, data);
				this.deliveries.execute(() -> deliver(hook, body, 0));
			}
		}
	}

	private void deliver(Hook hook, String body, int attempt) {
		if (!hook.enabled) {
			return;
		}
		long t = Instant.now().getEpochSecond();
		int status = statusOf(HttpRequest.newBuilder(URI.create(hook.url))
			.timeout(this.timeout)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("User-Agent", "MailChimp")
			.header(WebhookSignature.HEADER,
					WebhookSignature.header(hook.secret, t, body.getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
		if (Thread.currentThread().isInterrupted()) {
			// the sandbox is closing
			return;
		}
		if (status == 410) {
			hook.enabled = false;
		}
		else if ((status < 200 || status > 299) && attempt < this.retries) {
			long delay = this.firstRetry.toMillis() << attempt;
			this.deliveries.schedule(() -> deliver(hook, body, attempt + 1), delay, TimeUnit.MILLISECONDS);
		}
	}

	private static String form(String type, String firedAt, Map<String, String> data) {
		List<String> pairs = new ArrayList<>();
		pairs.add("type=" + encode(type));
		pairs.add("fired_at=" + encode(firedAt));
		data.forEach((name, value) -> pairs.add(encode(key(name)) + "=" + encode(value)));
		return String.join("&", pairs);
	}

	/**
	 * {@code email} as {@code data[email]}, {@code merges[FNAME]} as
	 * {@code data[merges][FNAME]}.
	 */
	private static String key(String name) {
		int bracket = name.indexOf('[');
		return (bracket < 0) ? "data[" + name + "]"
				: "data[" + name.substring(0, bracket) + "]" + name.substring(bracket);
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	// --- rules and rendering ---

	/** Mailchimp checks the URL answers before it keeps it: a GET, 200 only. */
	private void verify(String url) {
		int status = statusOf(HttpRequest.newBuilder(URI.create(url))
			.timeout(this.timeout)
			.header("User-Agent", "MailChimp.com WebHook Validator")
			.GET()
			.build());
		if (status != 200) {
			throw SandboxProblem.invalidResource("url",
					"We couldn't verify the URL is working. Please double check and try again. HTTP Code: " + status);
		}
	}

	/** The answer's status; 0 when none came in time, or none at all. */
	private int statusOf(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** One webhook per URL, its query aside. */
	private void refuseTaken(String url, @Nullable Hook self) {
		String base = withoutQuery(url);
		boolean taken = this.hooks.values()
			.stream()
			.anyMatch((hook) -> hook != self && withoutQuery(hook.url).equalsIgnoreCase(base));
		if (taken) {
			throw SandboxProblem.invalidResource("url", "Sorry, you can't set up multiple WebHooks for one URL");
		}
	}

	private static String withoutQuery(String url) {
		int query = url.indexOf('?');
		return (query < 0) ? url : url.substring(0, query);
	}

	private static String url(@Nullable Object value) {
		String url = (value instanceof String text) ? text.strip() : "";
		String lower = url.toLowerCase(Locale.ROOT);
		if (!(lower.startsWith("http://") || lower.startsWith("https://"))) {
			throw SandboxProblem.invalidResource("url", "This value should be a valid URL.");
		}
		try {
			URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			throw SandboxProblem.invalidResource("url", "This value should be a valid URL.");
		}
		return url;
	}

	/**
	 * The flags a request gives; one it leaves out is on (what Mailchimp does with an
	 * omitted one is not documented: send them all).
	 */
	private static Map<String, Boolean> flags(@Nullable Object value, List<String> names) {
		Map<String, Boolean> flags = new LinkedHashMap<>();
		names.forEach((name) -> flags.put(name, true));
		return merged(flags, value);
	}

	private static Map<String, Boolean> merged(Map<String, Boolean> flags, @Nullable Object value) {
		Map<String, Boolean> result = new LinkedHashMap<>(flags);
		if (value instanceof Map<?, ?> given) {
			given.forEach((name, on) -> {
				if (result.containsKey(String.valueOf(name))) {
					result.put(String.valueOf(name), Boolean.TRUE.equals(on));
				}
			});
		}
		return result;
	}

	private Hook require(String id) {
		Hook hook = this.hooks.get(id);
		if (hook == null) {
			throw SandboxProblem.notFound("webhook " + id);
		}
		return hook;
	}

	private Map<String, Object> render(Hook hook) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", hook.id);
		json.put("url", hook.url);
		json.put("events", hook.events);
		json.put("sources", hook.sources);
		json.put("list_id", this.listId);
		json.put("signing_enabled", true);
		return json;
	}

	private String hex(int bytes) {
		byte[] value = new byte[bytes];
		this.random.nextBytes(value);
		return HexFormat.of().formatHex(value);
	}

}
