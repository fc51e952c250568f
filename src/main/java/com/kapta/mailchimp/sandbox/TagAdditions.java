package com.kapta.mailchimp.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Counts, for each tag and address, how often a segment call the sandbox answered asked
 * to add the address to the tag: a change sent twice shows as 2, although the member's
 * tags, idempotent, look the same. A recorder ({@link MailchimpSandbox#record}) for the
 * web bench and the tests that prove each edit reached Mailchimp once.
 */
public final class TagAdditions implements Consumer<MailchimpSandbox.RecordedExchange> {

	private static final Pattern SEGMENT = Pattern.compile("/lists/[^/]+/segments/(\\d+)$");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	@Override
	public void accept(MailchimpSandbox.RecordedExchange exchange) {
		Matcher segment = SEGMENT.matcher(exchange.path());
		if (!exchange.method().equals("POST") || exchange.status() != 200 || !segment.find()) {
			return;
		}
		JsonNode added = JSON.readTree(new String(exchange.requestBody(), StandardCharsets.UTF_8))
			.path("members_to_add");
		for (JsonNode email : added) {
			this.counts
				.computeIfAbsent(key(Long.parseLong(segment.group(1)), email.asString()), (key) -> new LongAdder())
				.increment();
		}
	}

	/** How often the address was sent as an addition to the tag with this id. */
	public long count(long tagId, String email) {
		LongAdder count = this.counts.get(key(tagId, email));
		return (count != null) ? count.sum() : 0;
	}

	private static String key(long tagId, String email) {
		return tagId + " " + email.toLowerCase(Locale.ROOT);
	}

}
