package com.kapta.mailchimp.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's HTTP face: authentication, the connection limit, latency and injected
 * faults (all before any state changes, so a retried request is honest), then the
 * endpoint, answering Mailchimp's JSON or problem documents.
 */
final class SandboxHandler implements HttpHandler {

	private static final String PREFIX = "/3.0";

	/**
	 * The sandbox's own header: a call made as the person ({@code user}) or as a user of
	 * Mailchimp's web app ({@code admin}) rather than through the API, for the webhook
	 * events it fires (a test's or the demo's way to act on Mailchimp's side over HTTP).
	 */
	static final String SOURCE_HEADER = "X-Sandbox-Source";

	private final MailchimpSandbox sandbox;

	private final JsonMapper json = JsonMapper.builder().build();

	private final SandboxRoutes routes;

	SandboxHandler(MailchimpSandbox sandbox) {
		this.sandbox = sandbox;
		this.routes = new SandboxRoutes(sandbox, this.json);
	}

	/** An answer to write; {@link #DROP} writes nothing and drops the connection. */
	record Reply(int status, String contentType, byte[] body) {

		static final Reply DROP = new Reply(0, null, null);

	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		long start = System.nanoTime();
		SandboxStats stats = this.sandbox.stats();
		String endpoint = endpoint(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
		stats.request(endpoint);
		int inFlight = stats.enter();
		byte[] body;
		Reply reply;
		try {
			body = exchange.getRequestBody().readAllBytes();
			reply = answer(exchange, endpoint, inFlight, body);
		}
		finally {
			// counted out before the answer leaves, so a caller's next request never
			// overlaps this one
			stats.leave(start);
		}
		try {
			if (reply != Reply.DROP) {
				// recorded before the answer leaves, so a caller that has its answer
				// finds
				// the exchange recorded; the body read here: the JDK's exchange
				// attributes
				// are shared by every exchange of the server, so the next request would
				// overwrite one kept there
				record(exchange, body, reply);
				send(exchange, reply);
			}
		}
		finally {
			exchange.close();
		}
	}

	private Reply answer(HttpExchange exchange, String endpoint, int inFlight, byte[] body) throws IOException {
		try {
			if (inFlight > this.sandbox.options().maxConnections()) {
				this.sandbox.stats().refusedOverLimit();
				throw new SandboxProblem(429, "Too Many Requests", "You have exceeded the limit of "
						+ this.sandbox.options().maxConnections() + " simultaneous connections.");
			}
			if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
				throw new SandboxProblem(401, "API Key Invalid",
						"Your API key may be invalid, or you've attempted to access the wrong datacenter.");
			}
			pause(this.sandbox.latencyMs());
			Reply fault = this.sandbox.injectFault();
			if (fault != null) {
				return fault;
			}
			var call = new SandboxRoutes.Call(exchange.getRequestMethod(), segments(exchange.getRequestURI().getPath()),
					query(exchange.getRequestURI().getRawQuery()), body,
					source(exchange.getRequestHeaders().getFirst(SOURCE_HEADER)));
			Reply timeout = this.sandbox.pageTimeout(call);
			if (timeout != null) {
				return timeout;
			}
			Object answer = this.routes.route(call);
			if (!call.method().equals("GET")) {
				this.sandbox.stats().write(endpoint);
			}
			if (answer == null) {
				return new Reply(204, null, new byte[0]);
			}
			if (call.param("fields") == null && call.param("exclude_fields") == null) {
				return new Reply(200, "application/json", this.json.writeValueAsBytes(answer));
			}
			JsonNode tree = this.json.valueToTree(answer);
			tree = JsonFields.exclude(JsonFields.include(tree, call.param("fields")), call.param("exclude_fields"));
			return new Reply(200, "application/json", this.json.writeValueAsBytes(tree));
		}
		catch (SandboxProblem problem) {
			return problem(problem);
		}
		catch (JacksonException ex) {
			return problem(new SandboxProblem(400, "JSON Parse Exception",
					"We encountered an unspecified JSON parsing error."));
		}
		catch (RuntimeException ex) {
			// a bug of the sandbox: answer as Mailchimp would rather than leave the
			// caller waiting
			return problem(new SandboxProblem(500, "Internal Server Error", ex.toString()));
		}
	}

	/**
	 * The endpoint template for counting, e.g. {@code POST
	 * /lists/{list_id}/segments/{segment_id}}.
	 */
	static String endpoint(String method, String path) {
		String[] p = segments(path);
		String kind = (p.length > 2) ? p[2] : "";
		String[] names = { null, "{list_id}", null, switch (kind) {
			case "segments" -> "{segment_id}";
			case "webhooks" -> "{webhook_id}";
			default -> "{subscriber_hash}";
		} };
		var template = new StringBuilder(method).append(' ');
		for (int i = 0; i < p.length; i++) {
			template.append('/').append(i < names.length && names[i] != null ? names[i] : p[i]);
		}
		return template.toString();
	}

	private static String source(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return SandboxAudience.API;
		}
		String source = header.strip().toLowerCase(Locale.ROOT);
		if (!SandboxWebhooks.SOURCES.contains(source)) {
			throw new SandboxProblem(400, "Bad Request", SOURCE_HEADER + " is user, admin or api");
		}
		return source;
	}

	private boolean authorized(String header) {
		if (header == null) {
			return false;
		}
		String key;
		if (header.startsWith("Basic ")) {
			String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()),
					StandardCharsets.UTF_8);
			key = decoded.substring(decoded.indexOf(':') + 1);
		}
		else if (header.startsWith("Bearer ")) {
			key = header.substring(7).strip();
		}
		else {
			return false;
		}
		return key.equals(this.sandbox.apiKey());
	}

	private static String[] segments(String path) {
		String rest = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
		return Arrays.stream(rest.split("/")).filter((s) -> !s.isEmpty()).toArray(String[]::new);
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> query = new HashMap<>();
		if (raw != null) {
			for (String pair : raw.split("&")) {
				int eq = pair.indexOf('=');
				String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
				query.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return query;
	}

	private Reply problem(SandboxProblem problem) {
		Map<String, Object> doc = new LinkedHashMap<>();
		doc.put("type", "https://mailchimp.com/developer/marketing/docs/errors/");
		doc.put("title", problem.title);
		doc.put("status", problem.status);
		doc.put("detail", problem.getMessage());
		doc.put("instance", UUID.randomUUID().toString());
		if (problem.errors != null) {
			doc.put("errors", problem.errors);
		}
		return new Reply(problem.status, "application/problem+json", this.json.writeValueAsBytes(doc));
	}

	private static void send(HttpExchange exchange, Reply reply) throws IOException {
		if (reply.contentType() == null) {
			exchange.sendResponseHeaders(reply.status(), -1);
			return;
		}
		exchange.getResponseHeaders().set("Content-Type", reply.contentType() + "; charset=utf-8");
		exchange.sendResponseHeaders(reply.status(), reply.body().length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(reply.body());
		}
	}

	private void record(HttpExchange exchange, byte[] requestBody, Reply reply) {
		var recorder = this.sandbox.recorder();
		if (recorder == null) {
			return;
		}
		Map<String, String> headers = new HashMap<>();
		exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
		recorder.accept(new MailchimpSandbox.RecordedExchange(exchange.getRequestMethod(),
				exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(), headers, requestBody,
				reply.status(), reply.contentType(), reply.body()));
	}

	private static void pause(int millis) {
		if (millis <= 0) {
			return;
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
