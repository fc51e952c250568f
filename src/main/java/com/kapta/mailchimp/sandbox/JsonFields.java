package com.kapta.mailchimp.sandbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Mailchimp's {@code fields} and {@code exclude_fields} query parameters: comma-separated
 * dotted paths (e.g. {@code members.email_address,total_items}) that keep or drop parts
 * of an answer; arrays are looked through.
 */
final class JsonFields {

	private JsonFields() {
	}

	static JsonNode include(JsonNode node, String fields) {
		return (fields == null || fields.isBlank()) ? node : keep(node, paths(fields));
	}

	static JsonNode exclude(JsonNode node, String fields) {
		if (fields == null || fields.isBlank()) {
			return node;
		}
		for (List<String> path : paths(fields)) {
			drop(node, path);
		}
		return node;
	}

	private static Set<List<String>> paths(String fields) {
		Set<List<String>> paths = new HashSet<>();
		for (String field : fields.split(",")) {
			if (!field.isBlank()) {
				paths.add(Arrays.asList(field.strip().split("\\.")));
			}
		}
		return paths;
	}

	private static JsonNode keep(JsonNode node, Set<List<String>> paths) {
		if (node instanceof ArrayNode array) {
			ArrayNode kept = array.arrayNode();
			array.forEach((item) -> kept.add(keep(item, paths)));
			return kept;
		}
		if (!(node instanceof ObjectNode object)) {
			return node;
		}
		ObjectNode kept = object.objectNode();
		for (String name : new ArrayList<>(object.propertyNames())) {
			Set<List<String>> below = new HashSet<>();
			boolean whole = false;
			for (List<String> path : paths) {
				if (path.get(0).equals(name)) {
					if (path.size() == 1) {
						whole = true;
					}
					else {
						below.add(path.subList(1, path.size()));
					}
				}
			}
			if (whole) {
				kept.set(name, object.get(name));
			}
			else if (!below.isEmpty()) {
				kept.set(name, keep(object.get(name), below));
			}
		}
		return kept;
	}

	private static void drop(JsonNode node, List<String> path) {
		if (node instanceof ArrayNode array) {
			array.forEach((item) -> drop(item, path));
		}
		else if (node instanceof ObjectNode object) {
			if (path.size() == 1) {
				object.remove(path.get(0));
			}
			else if (object.has(path.get(0))) {
				drop(object.get(path.get(0)), path.subList(1, path.size()));
			}
		}
	}

}
