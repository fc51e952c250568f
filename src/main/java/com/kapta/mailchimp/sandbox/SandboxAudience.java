package com.kapta.mailchimp.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import com.kapta.mailchimp.EmailKey;
import com.kapta.mailchimp.mailchimp.SubscriberHash;

/**
 * One audience of the sandbox with Mailchimp's rules: members keyed by subscriber hash,
 * tags as static segments named uniquely ignoring case, forgotten addresses that cannot
 * come back, and the 500-member limits. All state changes are synchronized on the
 * audience.
 */
public final class SandboxAudience {

	static final int MAX_MEMBERS = 500;

	/**
	 * Webhook sources: the person (sign-up forms, preference page), the web app's users,
	 * API calls.
	 */
	static final String USER = "user";

	static final String ADMIN = "admin";

	static final String API = "api";

	/** The statuses a tag's member list leaves out unless asked to include them. */
	static final Set<String> LISTED_WHEN_ASKED = Set.of("unsubscribed", "cleaned", "transactional");

	static final Set<String> STATUSES = Set.of("subscribed", "unsubscribed", "cleaned", "pending", "transactional",
			"archived");

	final String id;

	final String name;

	private final Map<String, SandboxMember> members = new LinkedHashMap<>();

	/**
	 * The members in the order they joined, for paging without walking the whole audience
	 * per page.
	 */
	private final List<SandboxMember> joined = new ArrayList<>();

	private final SandboxTags tags;

	private final Set<String> forgotten = new TreeSet<>();

	/**
	 * How many members are archived: while none are, the plain list pages without
	 * filtering.
	 */
	private int archived;

	/**
	 * Each tag's members but the archived, in joining order, as its member list pages
	 * them; dropped when a member joins, leaves, changes status, address or tags (walking
	 * a million members took 60 ms a page, one page at a time).
	 */
	private final Map<Long, List<SandboxMember>> tagLists = new HashMap<>();

	private final SandboxWebhooks webhooks;

	/**
	 * Whether the audience asks new subscribers to confirm (Mailchimp's
	 * {@code double_optin}): an integration then adds them {@code pending}, and the
	 * person confirms ({@link #confirm}).
	 */
	private volatile boolean doubleOptIn;

	SandboxAudience(String id, String name, AtomicLong segmentIds, ScheduledExecutorService deliveries) {
		this.id = id;
		this.name = name;
		this.tags = new SandboxTags(segmentIds);
		this.webhooks = new SandboxWebhooks(id, deliveries);
	}

	// --- what tests, the demo and the sandbox command use to set the scene and look at
	// the result ---

	/** Adds or replaces a member as a Mailchimp user would in the web app. */
	public synchronized void putMember(String email, String status, String... tags) {
		if (!STATUSES.contains(status)) {
			throw new IllegalArgumentException("No such status: " + status);
		}
		SandboxMember member = new SandboxMember(SubscriberHash.of(email), email, status, null, null);
		for (String tag : tags) {
			tag(member, this.tags.idOf(tag), true);
		}
		add(member);
	}

	/**
	 * Makes every member's {@code last_changed} that much older, as if the audience had
	 * been set up that long ago: changes made after this stand out to
	 * {@code since_last_changed}.
	 */
	public synchronized void age(Duration by) {
		this.joined.forEach((member) -> member.lastChanged = member.lastChanged.minus(by));
	}

	/** Tags a member as a Mailchimp user would, creating the tag if needed. */
	public synchronized void tagMember(String email, String tag, boolean active) {
		SandboxMember member = require(SubscriberHash.of(email));
		if (active) {
			tag(member, this.tags.idOf(tag), true);
		}
		else {
			this.tags.find(tag).ifPresent((segment) -> tag(member, segment.id(), false));
		}
		// as on Mailchimp, a tag change does not move last_changed
	}

	/** Archives a member as a Mailchimp user would in the web app (source admin). */
	public synchronized void archive(String email) {
		SandboxMember member = require(SubscriberHash.of(email));
		if (!"archived".equals(member.status)) {
			setStatus(member, "archived", ADMIN);
		}
	}

	// --- what the person, or Mailchimp itself, does on Mailchimp's side (each fires its
	// webhook event) ---

	/**
	 * The person unsubscribes (the link in an email, the preference page): source user.
	 */
	public synchronized void unsubscribe(String email) {
		setStatus(require(SubscriberHash.of(email)), "unsubscribed", USER);
	}

	/** The person confirms a pending subscription: source user. */
	public synchronized void confirm(String email) {
		SandboxMember member = require(SubscriberHash.of(email));
		if (!"pending".equals(member.status)) {
			throw new IllegalStateException(email + " is " + member.status + ", not pending");
		}
		setStatus(member, "subscribed", USER);
	}

	/** The address bounces for good: Mailchimp cleans it (no person did it). */
	public synchronized void bounce(String email) {
		setStatus(require(SubscriberHash.of(email)), "cleaned", null);
	}

	/** The person changes the address on the preference page: source user. */
	public synchronized void changeEmail(String email, String newEmail) {
		changeEmail(require(SubscriberHash.of(email)), newEmail, USER);
	}

	/** An admin edits the member's name in the web app: source admin. */
	public synchronized void rename(String email, String firstName, String lastName) {
		SandboxMember member = require(SubscriberHash.of(email));
		member.firstName = firstName;
		member.lastName = lastName;
		member.changed();
		this.webhooks.fire("profile", ADMIN, data(member));
	}

	/** Sets the audience's double opt-in, as its owner would in Mailchimp's settings. */
	public void setDoubleOptIn(boolean on) {
		this.doubleOptIn = on;
	}

	/**
	 * How webhook deliveries wait and retry: Mailchimp waits 10 s for an answer and
	 * retries over 75 minutes; tests and demos want it sooner.
	 */
	public void webhookDeliveries(Duration timeout, int retries, Duration firstRetry) {
		this.webhooks.deliveries(timeout, retries, firstRetry);
	}

	/** Permanently deletes an address: it can never be added again. */
	public synchronized void forget(String email) {
		SandboxMember gone = this.members.remove(SubscriberHash.of(email));
		if (gone != null) {
			this.joined.remove(gone);
			this.tagLists.clear();
			this.archived -= archived(gone);
		}
		this.forgotten.add(EmailKey.of(email));
	}

	public synchronized long createTagIfMissing(String name) {
		return this.tags.idOf(name);
	}

	/** The member's status and tags as they are now, or empty. */
	public synchronized Optional<SandboxMemberView> member(String email) {
		SandboxMember member = this.members.get(SubscriberHash.of(email));
		return Optional.ofNullable(member).map(this::view);
	}

	public synchronized List<SandboxMemberView> members() {
		return this.members.values().stream().map(this::view).toList();
	}

	public synchronized List<String> tagNames() {
		return this.tags.all().stream().map(SandboxTags.Segment::name).toList();
	}

	public synchronized int size() {
		return this.members.size();
	}

	// --- the API ---

	synchronized Map<String, Object> batchSubscribe(List<Map<String, Object>> requested, boolean updateExisting,
			String source) {
		if (requested.size() > MAX_MEMBERS) {
			throw SandboxProblem.invalidResource("members", "A maximum of 500 members can be sent per request");
		}
		List<Map<String, Object>> created = new ArrayList<>();
		List<Map<String, Object>> updated = new ArrayList<>();
		List<Map<String, Object>> errors = new ArrayList<>();
		for (Map<String, Object> request : requested) {
			String email = String.valueOf(request.get("email_address")).strip();
			String status = (String) request.getOrDefault("status", request.get("status_if_new"));
			String refusal = refusal(email, status);
			if (refusal != null) {
				errors.add(SandboxJson.error(email, refusal, "ERROR_GENERIC"));
				continue;
			}
			SandboxMember existing = this.members.get(SubscriberHash.of(email));
			if (existing != null && !updateExisting) {
				errors.add(SandboxJson.error(email,
						email + " is already a list member. Use PUT to insert or update list members.",
						"ERROR_CONTACT_EXISTS"));
			}
			else if (existing != null) {
				if (!"archived".equals(existing.status) && !status.equals(existing.status)) {
					setStatus(existing, status, source);
				}
				takeFields(existing, request, source);
				updated.add(render(existing));
			}
			else {
				SandboxMember member = SandboxMember.joining(SubscriberHash.of(email), email, status, request);
				add(member);
				joined(member, source);
				created.add(render(member));
			}
		}
		return Map.of("new_members", created, "updated_members", updated, "errors", errors, "total_created",
				created.size(), "total_updated", updated.size(), "error_count", errors.size());
	}

	synchronized Map<String, Object> members(int offset, int count, SandboxMemberQuery query) {
		List<SandboxMember> matching = query.select(this.joined, this.archived == 0);
		List<Map<String, Object>> page = matching
			.subList(Math.min(offset, matching.size()), Math.min(offset + count, matching.size()))
			.stream()
			.map(this::render)
			.toList();
		return Map.of("members", page, "list_id", this.id, "total_items", matching.size());
	}

	/**
	 * {@code DELETE} of a member: Mailchimp archives it (its tags and fields stay; it
	 * leaves the plain list), but not one that is cleaned, pending or archived already.
	 */
	synchronized void archiveMember(String hash, String source) {
		SandboxMember member = require(hash);
		if (Set.of("cleaned", "pending", "archived").contains(member.status)) {
			throw new SandboxProblem(405, "Method Not Allowed",
					"This list member cannot be removed. Can not archive a contact that is bounced, pending or archived");
		}
		setStatus(member, "archived", source);
	}

	/**
	 * {@code PUT} of a member: adds it ({@code status_if_new}, or {@code status}) or
	 * updates it ({@code status} when given, merge fields), with Mailchimp's refusals.
	 */
	synchronized Map<String, Object> putMember(String hash, Map<String, Object> body, String source) {
		String email = requireEmail(body);
		if (!SubscriberHash.of(email).equals(hash)) {
			throw SandboxProblem.invalidResource("email_address",
					"The email address does not match the subscriber hash in the path");
		}
		SandboxMember existing = this.members.get(hash);
		if (existing == null) {
			String status = (String) body.getOrDefault("status_if_new", body.get("status"));
			if (status == null) {
				throw SandboxProblem.invalidResource("status_if_new", "A new member needs status_if_new (or status)");
			}
			String refusal = refusal(email, status);
			if (refusal != null) {
				throw refused(email, refusal);
			}
			SandboxMember member = SandboxMember.joining(hash, email, status, body);
			add(member);
			joined(member, source);
			return render(member);
		}
		if (body.get("status") instanceof String status) {
			changeStatus(existing, status, source);
		}
		takeFields(existing, body, source);
		return render(existing);
	}

	/**
	 * {@code PATCH} of a member: its status, merge fields and email address, as far as
	 * Mailchimp lets them change.
	 */
	synchronized Map<String, Object> patchMember(String hash, Map<String, Object> body, String source) {
		SandboxMember member = require(hash);
		if (body.get("email_address") instanceof String email
				&& !EmailKey.of(email).equals(EmailKey.of(member.email))) {
			member = changeEmail(member, email.strip(), source);
		}
		if (body.get("status") instanceof String status) {
			if ("transactional".equals(status)) {
				throw SandboxProblem.invalidResource("status", "Invalid status: transactional");
			}
			changeStatus(member, status, source);
		}
		takeFields(member, body, source);
		return render(member);
	}

	/**
	 * {@code POST …/members/{hash}/tags}: each named tag made active (created when the
	 * audience has none of that name) or inactive; the others stay.
	 */
	synchronized void tagMemberApi(String hash, List<Map<String, Object>> tags) {
		SandboxMember member = require(hash);
		for (Map<String, Object> tag : tags) {
			String name = (tag.get("name") instanceof String text) ? text.strip() : "";
			Object status = tag.get("status");
			if (name.isEmpty() || !("active".equals(status) || "inactive".equals(status))) {
				throw SandboxProblem.invalidResource("tags", "Each tag needs a name and a status, active or inactive");
			}
		}
		for (Map<String, Object> tag : tags) {
			String name = ((String) tag.get("name")).strip();
			if ("active".equals(tag.get("status"))) {
				tag(member, this.tags.idOf(name), true);
			}
			else {
				this.tags.find(name).ifPresent((segment) -> tag(member, segment.id(), false));
			}
		}
		// as on Mailchimp, a tag change does not move last_changed
	}

	/**
	 * {@code POST …/members/{hash}/actions/delete-permanent}: the member is gone and its
	 * address can never be added again.
	 */
	synchronized void deletePermanently(String hash, String source) {
		SandboxMember member = require(hash);
		forget(member.email);
		this.webhooks.fire("unsubscribe", source, unsubscribed(member, "delete"));
	}

	/** The audience as {@code GET /lists} and {@code GET /lists/{id}} show it. */
	Map<String, Object> listJson() {
		return Map.of("id", this.id, "name", this.name, "double_optin", this.doubleOptIn);
	}

	synchronized Map<String, Object> webhooks() {
		return this.webhooks.list();
	}

	synchronized Map<String, Object> createWebhook(Map<String, Object> body) {
		return this.webhooks.create(body);
	}

	synchronized Map<String, Object> webhook(String id) {
		return this.webhooks.get(id);
	}

	synchronized Map<String, Object> updateWebhook(String id, Map<String, Object> body) {
		return this.webhooks.update(id, body);
	}

	/**
	 * Whether the webhook still delivers: a 410 answer to a delivery ends it for good.
	 */
	public synchronized boolean webhookEnabled(String id) {
		return this.webhooks.enabled(id);
	}

	synchronized void deleteWebhook(String id) {
		this.webhooks.delete(id);
	}

	synchronized Map<String, Object> memberJson(String hash) {
		return render(require(hash));
	}

	synchronized Map<String, Object> memberTags(String hash, int offset, int count) {
		SandboxMember member = require(hash);
		List<Map<String, Object>> tags = member.tagIds.stream()
			.skip(offset)
			.limit(count)
			.map((tagId) -> Map.<String, Object>of("id", tagId, "name", this.tags.name(tagId), "date_added",
					SandboxJson.ISO.format(member.lastChanged)))
			.toList();
		return Map.of("tags", tags, "total_items", member.tagIds.size());
	}

	synchronized Map<String, Object> segments(int offset, int count) {
		List<Map<String, Object>> page = this.tags.all().stream().skip(offset).limit(count).map(this::render).toList();
		return Map.of("segments", page, "list_id", this.id, "total_items", this.tags.all().size());
	}

	/**
	 * A tag's members ({@code GET …/segments/{id}/members}), in joining order: archived
	 * ones never, unsubscribed, cleaned and transactional ones only when asked
	 * ({@code include_…=true}). As recorded on live Mailchimp, {@code total_items} counts
	 * only the members listed without those flags, so with them it undercounts: a reader
	 * stops on a short page.
	 */
	synchronized Map<String, Object> segmentMembers(long segmentId, int offset, int count, Set<String> included) {
		if (this.tags.get(segmentId).isEmpty()) {
			throw SandboxProblem.notFound("segment " + segmentId);
		}
		List<SandboxMember> tagged = this.tagLists.computeIfAbsent(segmentId,
				(id) -> this.joined.stream()
					.filter((member) -> member.tagIds.contains(id) && !"archived".equals(member.status))
					.toList());
		List<SandboxMember> listed = tagged.stream()
			.filter((member) -> !LISTED_WHEN_ASKED.contains(member.status) || included.contains(member.status))
			.toList();
		long plain = tagged.stream().filter((member) -> !LISTED_WHEN_ASKED.contains(member.status)).count();
		List<Map<String, Object>> page = listed
			.subList(Math.min(offset, listed.size()), Math.min(offset + count, listed.size()))
			.stream()
			.map((member) -> {
				// a segment's member has no tags in Mailchimp's answer
				Map<String, Object> json = new LinkedHashMap<>(render(member));
				json.remove("tags");
				json.remove("tags_count");
				return json;
			})
			.toList();
		return Map.of("members", page, "total_items", plain);
	}

	synchronized Map<String, Object> createSegment(String name, List<String> emails) {
		if (name == null || name.isBlank()) {
			throw SandboxProblem.invalidResource("name", "This value should not be blank.");
		}
		if (this.tags.find(name).isPresent()) {
			throw new SandboxProblem(400, "Invalid Resource", "Sorry, that tag already exists.");
		}
		long id = this.tags.idOf(name);
		for (String email : emails) {
			SandboxMember member = this.members.get(SubscriberHash.of(email));
			if (member != null) {
				tag(member, id, true);
			}
		}
		return render(this.tags.get(id).orElseThrow());
	}

	synchronized Map<String, Object> updateSegment(long segmentId, List<String> add, List<String> remove) {
		if (add.size() > MAX_MEMBERS || remove.size() > MAX_MEMBERS) {
			throw SandboxProblem.invalidResource(add.size() > MAX_MEMBERS ? "members_to_add" : "members_to_remove",
					"A maximum of 500 members can be sent per request");
		}
		if (this.tags.get(segmentId).isEmpty()) {
			throw SandboxProblem.notFound("segment " + segmentId);
		}
		List<String> notMembers = new ArrayList<>();
		List<Map<String, Object>> added = apply(add, notMembers, (member) -> tag(member, segmentId, true));
		List<Map<String, Object>> removed = apply(remove, notMembers, (member) -> tag(member, segmentId, false));
		List<Map<String, Object>> errors = notMembers.isEmpty() ? List.of() : List
			.of(Map.of("email_addresses", notMembers, "error", "Email addresses are not members of the list"));
		return Map.of("members_added", added, "members_removed", removed, "errors", errors, "total_added", added.size(),
				"total_removed", removed.size(), "error_count", notMembers.size());
	}

	// --- rules and rendering ---

	private static String requireEmail(Map<String, Object> body) {
		if (!(body.get("email_address") instanceof String email) || email.isBlank()) {
			throw SandboxProblem.invalidResource("email_address", "This value should not be blank.");
		}
		return email.strip();
	}

	/**
	 * A refusal as Mailchimp words it: a forgotten address, or one that looks fake or has
	 * no valid status.
	 */
	private static SandboxProblem refused(String email, String refusal) {
		return refusal.contains("permanently deleted")
				? new SandboxProblem(400, "Forgotten Email Not Subscribed", refusal)
				: SandboxProblem.invalidResource("email_address", refusal);
	}

	/**
	 * A status set through the API: an unsubscribed or cleaned address is in a compliance
	 * state (only the person can subscribe again; an unsubscribed one may be sent a
	 * confirmation, {@code pending}), and {@code archived} is read-only.
	 */
	private void changeStatus(SandboxMember member, String status, @Nullable String source) {
		if (!STATUSES.contains(status) || "archived".equals(status)) {
			throw SandboxProblem.invalidResource("status", "Invalid status: " + status);
		}
		boolean compliance = ("cleaned".equals(member.status) && !"cleaned".equals(status)
				&& !"unsubscribed".equals(status))
				|| ("unsubscribed".equals(member.status) && "subscribed".equals(status));
		if (compliance) {
			throw new SandboxProblem(400, "Member In Compliance State", member.email
					+ " is already a list member in compliance state due to unsubscribe, bounce, or compliance review"
					+ " and cannot be subscribed.");
		}
		if (!status.equals(member.status)) {
			setStatus(member, status, source);
		}
	}

	/**
	 * A new status, and the event Mailchimp fires for it ({@code source} null:
	 * Mailchimp's own doing).
	 */
	private void setStatus(SandboxMember member, String status, @Nullable String source) {
		this.archived += archived(status) - archived(member.status);
		member.status = status;
		this.tagLists.clear();
		member.changed();
		switch (status) {
			case "subscribed" -> this.webhooks.fire("subscribe", source, data(member));
			case "unsubscribed" -> this.webhooks.fire("unsubscribe", source, unsubscribed(member, "unsub"));
			case "archived" -> this.webhooks.fire("unsubscribe", source, unsubscribed(member, "delete"));
			case "cleaned" -> this.webhooks.fire("cleaned", source,
					Map.of("list_id", this.id, "campaign_id", "", "reason", "hard", "email", member.email));
			default -> {
				// pending and transactional fire nothing
			}
		}
	}

	/**
	 * A member who joined: a subscribed one fires a subscribe (a pending one when it
	 * confirms).
	 */
	private void joined(SandboxMember member, String source) {
		if ("subscribed".equals(member.status)) {
			this.webhooks.fire("subscribe", source, data(member));
		}
	}

	/** The merge fields a call gives; a profile event when they change the member. */
	private void takeFields(SandboxMember member, Map<String, Object> body, String source) {
		String before = member.firstName + "\u0000" + member.lastName;
		member.takeFields(body);
		member.changed();
		if (!before.equals(member.firstName + "\u0000" + member.lastName)) {
			this.webhooks.fire("profile", source, data(member));
		}
	}

	/**
	 * A member's {@code data[...]} fields in subscribe, unsubscribe and profile events.
	 */
	private Map<String, String> data(SandboxMember member) {
		Map<String, String> data = new LinkedHashMap<>();
		data.put("id", member.hash);
		data.put("list_id", this.id);
		data.put("email", member.email);
		data.put("email_type", "html");
		data.put("ip_opt", "127.0.0.1");
		data.put("web_id", String.valueOf(Math.abs(member.hash.hashCode())));
		data.put("merges[EMAIL]", member.email);
		data.put("merges[FNAME]", (member.firstName != null) ? member.firstName : "");
		data.put("merges[LNAME]", (member.lastName != null) ? member.lastName : "");
		return data;
	}

	private Map<String, String> unsubscribed(SandboxMember member, String action) {
		Map<String, String> data = data(member);
		data.put("action", action);
		data.put("reason", "manual");
		data.put("campaign_id", "");
		return data;
	}

	/**
	 * The member under a new address (its hash changes with it), unless that is taken; an
	 * {@code upemail} event (no {@code id}, no {@code email}).
	 */
	private SandboxMember changeEmail(SandboxMember member, String email, @Nullable String source) {
		String refusal = refusal(email, "subscribed");
		if (refusal != null) {
			throw refused(email, refusal);
		}
		String hash = SubscriberHash.of(email);
		if (this.members.containsKey(hash)) {
			throw new SandboxProblem(400, "Member Exists",
					email + " is already a list member. Use PUT to insert or update list members.");
		}
		SandboxMember moved = member.withEmail(hash, email);
		this.members.remove(member.hash);
		this.members.put(hash, moved);
		this.joined.set(this.joined.indexOf(member), moved);
		this.tagLists.clear();
		moved.changed();
		this.webhooks.fire("upemail", source,
				Map.of("list_id", this.id, "new_id", hash, "new_email", email, "old_email", member.email));
		return moved;
	}

	/** Why Mailchimp would not add this address, if it would not. */
	private @Nullable String refusal(String email, @Nullable String status) {
		return SandboxRules.refusal(email, status, this.forgotten.contains(EmailKey.of(email)));
	}

	/**
	 * Applies the change to each member it changes; addresses that are not members are
	 * collected.
	 */
	private List<Map<String, Object>> apply(List<String> emails, List<String> notMembers,
			Predicate<SandboxMember> change) {
		List<Map<String, Object>> changed = new ArrayList<>();
		for (String email : emails) {
			SandboxMember member = this.members.get(SubscriberHash.of(email));
			if (member == null) {
				notMembers.add(email);
			}
			else if (change.test(member)) {
				// a tag change: last_changed stays, as on Mailchimp
				changed.add(render(member));
			}
		}
		return changed;
	}

	/** Adds a member, or replaces one with the same address in its place. */
	private void add(SandboxMember member) {
		SandboxMember replaced = this.members.put(member.hash, member);
		if (replaced == null) {
			this.joined.add(member);
		}
		else {
			this.joined.set(this.joined.indexOf(replaced), member);
			this.archived -= archived(replaced);
		}
		this.archived += archived(member);
		this.tagLists.clear();
	}

	/**
	 * Gives a member a tag or takes it away, and says whether that changed anything.
	 */
	private boolean tag(SandboxMember member, long tagId, boolean on) {
		boolean changed = on ? member.tagIds.add(tagId) : member.tagIds.remove(tagId);
		if (changed) {
			this.tagLists.clear();
		}
		return changed;
	}

	private static int archived(SandboxMember member) {
		return archived(member.status);
	}

	private static int archived(String status) {
		return "archived".equals(status) ? 1 : 0;
	}

	private SandboxMember require(String hash) {
		SandboxMember member = this.members.get(hash);
		if (member == null) {
			throw SandboxProblem.notFound("member " + hash);
		}
		return member;
	}

	private Map<String, Object> render(SandboxMember member) {
		return SandboxJson.member(member, this.id, (tagId) -> this.tags.name(tagId));
	}

	private Map<String, Object> render(SandboxTags.Segment segment) {
		long count = this.members.values().stream().filter((member) -> member.tagIds.contains(segment.id())).count();
		return SandboxJson.segment(segment, count, this.id);
	}

	private SandboxMemberView view(SandboxMember member) {
		return new SandboxMemberView(member.email, member.status, member.firstName, member.lastName,
				member.tagIds.stream().map((tagId) -> this.tags.name(tagId)).toList());
	}

}
