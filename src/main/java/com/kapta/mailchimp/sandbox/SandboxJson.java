package com.kapta.mailchimp.sandbox;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;

import com.kapta.mailchimp.mailchimp.Member;

/** How the sandbox shows members and tags, in the shape of Mailchimp's answers. */
final class SandboxJson {

	/** Mailchimp's timestamps: {@code 2015-10-21T15:41:36+00:00}. */
	static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
		.withZone(ZoneOffset.UTC);

	private SandboxJson() {
	}

	static Map<String, Object> member(SandboxMember member, String listId, LongFunction<String> tagName) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", member.hash);
		json.put("email_address", member.email);
		json.put("status", member.status);
		Map<String, Object> merge = new LinkedHashMap<>();
		merge.put("FNAME", member.firstName == null ? "" : member.firstName);
		merge.put("LNAME", member.lastName == null ? "" : member.lastName);
		json.put("merge_fields", merge);
		json.put("last_changed", ISO.format(member.lastChanged));
		if (!member.timestampSignup.isEmpty()) {
			// a date-time: absent rather than ""
			json.put("timestamp_signup", member.timestampSignup);
		}
		json.put("tags_count", member.tagIds.size());
		json.put("tags",
				member.tagIds.stream()
					.limit(Member.INLINE_TAGS)
					.map((tagId) -> Map.of("id", tagId, "name", tagName.apply(tagId)))
					.toList());
		json.put("list_id", listId);
		return json;
	}

	/** One address batch subscribe did not add. */
	static Map<String, Object> error(String email, String message, String code) {
		return Map.of("email_address", email, "error", message, "error_code", code);
	}

	static Map<String, Object> segment(SandboxTags.Segment segment, long memberCount, String listId) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", segment.id());
		json.put("name", segment.name());
		json.put("member_count", memberCount);
		json.put("type", "static");
		json.put("created_at", ISO.format(segment.createdAt()));
		json.put("updated_at", ISO.format(segment.createdAt()));
		json.put("list_id", listId);
		return json;
	}

}
