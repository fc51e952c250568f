package com.kapta.mailchimp.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's HTTP face: authentication, the connection limit, latency and injected faults (all before
 * any state changes, so a retried request is honest), then the endpoint, answering Mailchimp's JSON or
 * problem documents.
 */
final class SandboxHandler implements HttpHandler {

	private static final String PREFIX = "/3.0";

	private static final String REQUEST_BODY = "kapta.request-body";

	private final MailchimpSandbox sandbox;

	private final JsonMapper json = JsonMapper.builder().build();

	SandboxHandler(MailchimpSandbox sandbox) {
		this.sandbox = sandbox;
	}

	/** A request in the shape the endpoints need. */
	private record Call(String method, String[] path, Map<String, String> query, byte[] body) {

		String param(String name) {
			return this.query.get(name);
		}

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
		Reply reply;
		try {
			reply = answer(exchange, endpoint, inFlight);
		}
		finally {
			// counted out before the answer leaves, so a caller's next request never overlaps this one
			stats.leave(start);
		}
		try {
			if (reply != Reply.DROP) {
				send(exchange, reply);
				record(exchange, reply);
			}
		}
		finally {
			exchange.close();
		}
	}

	private Reply answer(HttpExchange exchange, String endpoint, int inFlight) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		exchange.setAttribute(REQUEST_BODY, body);
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
			var call = new Call(exchange.getRequestMethod(), segments(exchange.getRequestURI().getPath()),
					query(exchange.getRequestURI().getRawQuery()), body);
			Object answer = route(call);
			if (!call.method().equals("GET")) {
				this.sandbox.stats().write(endpoint);
			}
			if (answer == null) {
				return new Reply(204, null, new byte[0]);
			}
			JsonNode tree = this.json.valueToTree(answer);
			tree = JsonFields.exclude(JsonFields.include(tree, call.param("fields")), call.param("exclude_fields"));
			return new Reply(200, "application/json", this.json.writeValueAsBytes(tree));
		}
		catch (SandboxProblem problem) {
			return problem(problem);
		}
		catch (JacksonException ex) {
			return problem(new SandboxProblem(400, "JSON Parse Exception", "We encountered an unspecified JSON parsing error."));
		}
	}

	private Object route(Call call) {
		String[] p = call.path();
		if (p.length == 1 && p[0].equals("ping") && call.method().equals("GET")) {
			return Map.of("health_status", "Everything's Chimpy!");
		}
		if (p.length == 1 && p[0].equals("lists") && call.method().equals("GET")) {
			return this.sandbox.lists(offset(call), count(call));
		}
		if (p.length < 2 || !p[0].equals("lists")) {
			throw SandboxProblem.notFound(String.join("/", p));
		}
		SandboxAudience audience = this.sandbox.audience(p[1]);
		String method = call.method();
		if (p.length == 2 && method.equals("POST")) {
			Map<String, Object> body = body(call);
			return audience.batchSubscribe(list(body.get("members")), Boolean.TRUE.equals(body.get("update_existing")));
		}
		if (p.length >= 3 && p[2].equals("members")) {
			if (p.length == 3 && method.equals("GET")) {
				return audience.members(offset(call), count(call), call.param("status"));
			}
			if (p.length == 4 && method.equals("GET")) {
				return audience.memberJson(p[3]);
			}
			if (p.length == 4 && method.equals("PUT")) {
				return audience.put(p[3], body(call));
			}
			if (p.length == 5 && p[4].equals("tags") && method.equals("GET")) {
				return audience.memberTags(p[3], offset(call), count(call));
			}
			if (p.length == 5 && p[4].equals("tags") && method.equals("POST")) {
				audience.updateMemberTags(p[3], list(body(call).get("tags")));
				return null;
			}
		}
		if (p.length >= 3 && p[2].equals("segments")) {
			if (p.length == 3 && method.equals("GET")) {
				String type = call.param("type");
				if (type != null && !type.equals("static")) {
					return Map.of("segments", List.of(), "list_id", audience.id, "total_items", 0);
				}
				return audience.segments(offset(call), count(call));
			}
			if (p.length == 3 && method.equals("POST")) {
				Map<String, Object> body = body(call);
				return audience.createSegment((String) body.get("name"), strings(body.get("static_segment")));
			}
			if (p.length == 4 && method.equals("POST")) {
				Map<String, Object> body = body(call);
				return audience.updateSegment(segmentId(p[3]), strings(body.get("members_to_add")),
						strings(body.get("members_to_remove")));
			}
		}
		throw new SandboxProblem(405, "Method Not Allowed", "The requested method and resource are not compatible.");
	}

	/** The endpoint template for counting, e.g. {@code POST /lists/{list_id}/segments/{segment_id}}. */
	static String endpoint(String method, String path) {
		String[] p = segments(path);
		String[] names = { null, "{list_id}", null, p.length > 2 && p[2].equals("segments") ? "{segment_id}" : "{subscriber_hash}" };
		var template = new StringBuilder(method).append(' ');
		for (int i = 0; i < p.length; i++) {
			template.append('/').append(i < names.length && names[i] != null ? names[i] : p[i]);
		}
		return template.toString();
	}

	private boolean authorized(String header) {
		if (header == null) {
			return false;
		}
		String key;
		if (header.startsWith("Basic ")) {
			String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
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

	@SuppressWarnings("unchecked")
	private Map<String, Object> body(Call call) {
		if (call.body().length == 0) {
			throw new SandboxProblem(400, "JSON Parse Exception", "The request body is empty.");
		}
		return this.json.readValue(call.body(), Map.class);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object value) {
		return (value instanceof List<?> items) ? (List<Map<String, Object>>) items : List.of();
	}

	private static List<String> strings(Object value) {
		return (value instanceof List<?> items) ? items.stream().map(String::valueOf).toList() : List.of();
	}

	private static int count(Call call) {
		int count = number(call.param("count"), 10);
		if (count < 1 || count > 1000) {
			throw SandboxProblem.invalidResource("count", "The count must be between 1 and 1000");
		}
		return count;
	}

	private static int offset(Call call) {
		return Math.max(0, number(call.param("offset"), 0));
	}

	private static int number(String text, int otherwise) {
		try {
			return text == null ? otherwise : Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw new SandboxProblem(400, "Invalid Resource", "Not a number: " + text);
		}
	}

	private static long segmentId(String text) {
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			throw SandboxProblem.notFound("segment " + text);
		}
	}

	private static String[] segments(String path) {
		String rest = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
		return java.util.Arrays.stream(rest.split("/")).filter((s) -> !s.isEmpty()).toArray(String[]::new);
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
		Map<String, Object> doc = new java.util.LinkedHashMap<>();
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

	private void record(HttpExchange exchange, Reply reply) {
		var recorder = this.sandbox.recorder();
		if (recorder == null) {
			return;
		}
		Map<String, String> headers = new HashMap<>();
		exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
		byte[] requestBody = (byte[]) exchange.getAttribute(REQUEST_BODY);
		recorder.accept(new MailchimpSandbox.RecordedExchange(exchange.getRequestMethod(),
				exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(), headers,
				requestBody != null ? requestBody : new byte[0], reply.status(), reply.contentType(), reply.body()));
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
