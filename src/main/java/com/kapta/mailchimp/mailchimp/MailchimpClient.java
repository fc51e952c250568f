package com.kapta.mailchimp.mailchimp;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

import tools.jackson.databind.json.JsonMapper;

/**
 * The calls the jobs make to one Mailchimp account, with typed requests and answers.
 * Every bulk call refuses more items than Mailchimp takes in one call: a caller that
 * passes more has a bug, and silently truncating would drop contacts.
 */
public class MailchimpClient implements AutoCloseable {

	/** Most members per batch subscribe and per segment add or remove. */
	public static final int MAX_MEMBERS_PER_WRITE = 500;

	/** Most items per page of a read. */
	public static final int MAX_PAGE_SIZE = 1000;

	private final MailchimpTransport transport;

	private final ApiCalls calls = new ApiCalls();

	public MailchimpClient(URI baseUrl, String apiKey, MailchimpProperties properties, JsonMapper json) {
		this(baseUrl, apiKey, properties, json, ConnectionBudget.UNSHARED);
	}

	/** A client whose requests take their connections from {@code budget}. */
	public MailchimpClient(URI baseUrl, String apiKey, MailchimpProperties properties, JsonMapper json,
			ConnectionBudget budget) {
		this.transport = new MailchimpTransport(baseUrl, apiKey, properties, json, this.calls, budget);
	}

	/** The requests made so far, per endpoint and outcome. */
	public ApiCalls calls() {
		return this.calls;
	}

	/** Checks the key and the URL; answers Mailchimp's health status. */
	public String ping() {
		return this.transport.call("GET", "GET /ping", "/ping", null, null, Health.class).healthStatus();
	}

	/** Every audience of the account (id, name and double opt-in only). */
	public List<Audience> audiences() {
		return allPages((offset) -> this.transport.call("GET", "GET /lists", "/lists", Map.of("fields",
				"lists.id,lists.name,lists.double_optin,total_items", "count", MAX_PAGE_SIZE, "offset", offset), null,
				Audiences.class));
	}

	/**
	 * Adds up to 500 members in one call. With {@code updateExisting} false, members that
	 * exist come back as errors with {@link BatchSubscribeResult#CONTACT_EXISTS} and are
	 * not changed.
	 */
	public BatchSubscribeResult batchSubscribe(String listId, List<NewMember> members, boolean updateExisting) {
		requireAtMost(members, MAX_MEMBERS_PER_WRITE, "batch subscribe");
		List<MemberBody> bodies = members.stream()
			.map((member) -> new MemberBody(member.emailAddress(), member.status(), mergeFields(member),
					member.timestampSignup()))
			.toList();
		var answered = this.transport.answered("POST", "POST /lists/{list_id}", "/lists/" + listId, null,
				new BatchSubscribe(bodies, updateExisting), BatchSubscribeResult.class);
		return answered.value().withAnswerLostBefore(answered.answerLost());
	}

	/** One page of members (not archived ones) with their status and (up to 50) tags. */
	public MemberPage members(String listId, int offset, int count) {
		return members(listId, MemberQuery.tags(null), offset, count, false);
	}

	/**
	 * One page of the members the query asks for. With {@code splittable}, a page
	 * Mailchimp times out on (504, or no answer in time) raises
	 * {@link PageTimeoutException} at once instead of being asked again as it is.
	 */
	public MemberPage members(String listId, MemberQuery query, int offset, int count, boolean splittable) {
		requireAtMost(count, MAX_PAGE_SIZE, "member page");
		boolean ofTag = query.tagId() != null;
		String endpoint = ofTag ? "GET /lists/{list_id}/segments/{segment_id}/members" : "GET /lists/{list_id}/members";
		String path = ofTag ? "/lists/" + listId + "/segments/" + query.tagId() + "/members"
				: "/lists/" + listId + "/members";
		return this.transport
			.answered("GET", endpoint, path, query.parameters(offset, count), null, MemberPage.class, splittable)
			.value();
	}

	/** All tags of a member: for members with more tags than a member page shows. */
	public List<MemberTag> memberTags(String listId, String email) {
		return allPages((offset) -> this.transport.call("GET", "GET /lists/{list_id}/members/{subscriber_hash}/tags",
				memberPath(listId, email) + "/tags",
				Map.of("fields", "tags.id,tags.name,total_items", "count", MAX_PAGE_SIZE, "offset", offset), null,
				MemberTags.class));
	}

	/** The member with this address, if the audience has it (any status). */
	public Optional<Member> member(String listId, String email) {
		try {
			return Optional.of(this.transport.call("GET", "GET /lists/{list_id}/members/{subscriber_hash}",
					memberPath(listId, email), null, null, Member.class));
		}
		catch (NotFoundException ex) {
			return Optional.empty();
		}
	}

	/** The audience's tags: its static segments. */
	public List<Segment> tags(String listId) {
		return allPages((offset) -> this.transport.call("GET", "GET /lists/{list_id}/segments",
				"/lists/" + listId + "/segments",
				Map.of("type", "static", "fields",
						"segments.id,segments.name,segments.type,segments.member_count,total_items", "count",
						MAX_PAGE_SIZE, "offset", offset),
				null, Segments.class));
	}

	/** Creates a tag (an empty static segment). */
	public Segment createTag(String listId, String name) {
		return this.transport.call("POST", "POST /lists/{list_id}/segments", "/lists/" + listId + "/segments", null,
				new NewSegment(name, List.of()), Segment.class);
	}

	/** Adds and removes up to 500 members each to and from a tag in one call. */
	public SegmentUpdateResult updateTagMembers(String listId, long segmentId, List<String> add, List<String> remove) {
		requireAtMost(add, MAX_MEMBERS_PER_WRITE, "tag members to add");
		requireAtMost(remove, MAX_MEMBERS_PER_WRITE, "tag members to remove");
		return this.transport.call("POST", "POST /lists/{list_id}/segments/{segment_id}",
				"/lists/" + listId + "/segments/" + segmentId, null, new SegmentMembers(add, remove),
				SegmentUpdateResult.class);
	}

	/** The audience's webhooks (Kapta's and other apps'). */
	public List<Webhook> webhooks(String listId) {
		return this.transport
			.call("GET", "GET /lists/{list_id}/webhooks", "/lists/" + listId + "/webhooks", null, null, Webhooks.class)
			.webhooks();
	}

	/**
	 * Creates a webhook; Mailchimp first checks that {@code url} answers a GET with 200,
	 * and answers with the webhook's signing secret, this once.
	 */
	public Webhook createWebhook(String listId, String url, Map<String, Boolean> events, Map<String, Boolean> sources) {
		return this.transport.call("POST", "POST /lists/{list_id}/webhooks", "/lists/" + listId + "/webhooks", null,
				new NewWebhook(url, events, sources), Webhook.class);
	}

	/** Deletes a webhook; one already gone is no error. */
	public void deleteWebhook(String listId, String webhookId) {
		try {
			this.transport.call("DELETE", "DELETE /lists/{list_id}/webhooks/{webhook_id}",
					"/lists/" + listId + "/webhooks/" + webhookId, null, null, Void.class);
		}
		catch (NotFoundException ex) {
			// gone already: what was asked
		}
	}

	@Override
	public void close() {
		this.transport.close();
	}

	/**
	 * Reads page after page until Mailchimp's total is reached (or a page comes back
	 * empty).
	 */
	private static <T> List<T> allPages(IntFunction<Page<T>> page) {
		List<T> all = new ArrayList<>();
		while (true) {
			Page<T> next = page.apply(all.size());
			all.addAll(next.items());
			if (next.items().isEmpty() || all.size() >= next.totalItems()) {
				return all;
			}
		}
	}

	private static String memberPath(String listId, String email) {
		return "/lists/" + listId + "/members/" + SubscriberHash.of(email);
	}

	private static Map<String, Object> mergeFields(NewMember member) {
		Map<String, Object> fields = new LinkedHashMap<>();
		if (member.firstName() != null) {
			fields.put("FNAME", member.firstName());
		}
		if (member.lastName() != null) {
			fields.put("LNAME", member.lastName());
		}
		return fields.isEmpty() ? null : fields;
	}

	private static void requireAtMost(List<?> items, int max, String what) {
		requireAtMost(items.size(), max, what);
	}

	private static void requireAtMost(int size, int max, String what) {
		if (size > max) {
			throw new IllegalArgumentException(
					what + ": " + size + " items, Mailchimp takes at most " + max + " per call");
		}
	}

	record Health(String healthStatus) {
	}

	/** A page of a collection and the collection's size. */
	interface Page<T> {

		List<T> items();

		int totalItems();

	}

	record Audiences(List<Audience> lists, int totalItems) implements Page<Audience> {

		@Override
		public List<Audience> items() {
			return this.lists;
		}

	}

	record MemberTags(List<MemberTag> tags, int totalItems) implements Page<MemberTag> {

		@Override
		public List<MemberTag> items() {
			return this.tags;
		}

	}

	record Segments(List<Segment> segments, int totalItems) implements Page<Segment> {

		@Override
		public List<Segment> items() {
			return this.segments;
		}

	}

	record Webhooks(List<Webhook> webhooks) {
	}

	record NewWebhook(String url, Map<String, Boolean> events, Map<String, Boolean> sources) {
	}

	record MemberBody(String emailAddress, String status, Map<String, Object> mergeFields, String timestampSignup) {
	}

	record BatchSubscribe(List<MemberBody> members, boolean updateExisting) {
	}

	record NewSegment(String name, List<String> staticSegment) {
	}

	record SegmentMembers(List<String> membersToAdd, List<String> membersToRemove) {
	}

}
