package com.kapta.mailchimp.sandbox;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import com.kapta.mailchimp.mailchimp.SubscriberHash;

/**
 * Which endpoint a request is for, and its parameters and body in the shape the audience
 * takes.
 */
final class SandboxRoutes {

	private final MailchimpSandbox sandbox;

	private final JsonMapper json;

	SandboxRoutes(MailchimpSandbox sandbox, JsonMapper json) {
		this.sandbox = sandbox;
		this.json = json;
	}

	/** A request in the shape the endpoints need. */
	record Call(String method, String[] path, Map<String, String> query, byte[] body, String source) {

		String param(String name) {
			return this.query.get(name);
		}

	}

	/**
	 * The answer to render as JSON, {@code null} for 204, or a {@link SandboxProblem}.
	 */
	@Nullable Object route(Call call) {
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
		if (p.length == 2 && method.equals("GET")) {
			return audience.listJson();
		}
		if (p.length == 2 && method.equals("POST")) {
			Map<String, Object> body = body(call);
			return audience.batchSubscribe(list(body.get("members")), Boolean.TRUE.equals(body.get("update_existing")),
					call.source());
		}
		if (p.length >= 3 && p[2].equals("members")) {
			if (p.length == 3 && method.equals("GET")) {
				return audience.members(offset(call), count(call), SandboxMemberQuery.of(call));
			}
			String hash = (p.length >= 4) ? memberHash(p[3]) : "";
			if (p.length == 4) {
				switch (method) {
					case "GET":
						return audience.memberJson(hash);
					case "PUT":
						return audience.putMember(hash, body(call), call.source());
					case "PATCH":
						return audience.patchMember(hash, body(call), call.source());
					case "DELETE":
						audience.archiveMember(hash, call.source());
						return null;
					default:
						break;
				}
			}
			if (p.length == 5 && p[4].equals("tags") && method.equals("GET")) {
				return audience.memberTags(hash, offset(call), count(call));
			}
			if (p.length == 5 && p[4].equals("tags") && method.equals("POST")) {
				audience.tagMemberApi(hash, list(body(call).get("tags")));
				return null;
			}
			if (p.length == 6 && p[4].equals("actions") && p[5].equals("delete-permanent") && method.equals("POST")) {
				audience.deletePermanently(hash, call.source());
				return null;
			}
		}
		if (p.length >= 3 && p[2].equals("webhooks")) {
			if (p.length == 3 && method.equals("GET")) {
				return audience.webhooks();
			}
			if (p.length == 3 && method.equals("POST")) {
				return audience.createWebhook(body(call));
			}
			if (p.length == 4) {
				switch (method) {
					case "GET":
						return audience.webhook(p[3]);
					case "PATCH":
						return audience.updateWebhook(p[3], body(call));
					case "DELETE":
						audience.deleteWebhook(p[3]);
						return null;
					default:
						break;
				}
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
			if (p.length == 5 && p[4].equals("members") && method.equals("GET")) {
				Set<String> included = new HashSet<>();
				for (String status : SandboxAudience.LISTED_WHEN_ASKED) {
					if ("true".equals(call.param("include_" + status))) {
						included.add(status);
					}
				}
				return audience.segmentMembers(segmentId(p[3]), offset(call), count(call), included);
			}
			if (p.length == 4 && method.equals("POST")) {
				Map<String, Object> body = body(call);
				return audience.updateSegment(segmentId(p[3]), strings(body.get("members_to_add")),
						strings(body.get("members_to_remove")));
			}
		}
		throw new SandboxProblem(405, "Method Not Allowed", "The requested method and resource are not compatible.");
	}

	/**
	 * The member's subscriber hash: the path names it, or (as Mailchimp also accepts) the
	 * member's email address.
	 */
	private static String memberHash(String segment) {
		return segment.contains("@") ? SubscriberHash.of(segment) : segment.toLowerCase(Locale.ROOT);
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

}
