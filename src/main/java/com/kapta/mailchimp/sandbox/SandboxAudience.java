package com.kapta.mailchimp.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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

	SandboxAudience(String id, String name, AtomicLong segmentIds) {
		this.id = id;
		this.name = name;
		this.tags = new SandboxTags(segmentIds);
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
			member.tagIds.add(this.tags.idOf(tag));
		}
		add(member);
	}

	/** Tags a member as a Mailchimp user would, creating the tag if needed. */
	public synchronized void tagMember(String email, String tag, boolean active) {
		SandboxMember member = require(SubscriberHash.of(email));
		if (active) {
			member.tagIds.add(this.tags.idOf(tag));
		}
		else {
			this.tags.find(tag).ifPresent((segment) -> member.tagIds.remove(segment.id()));
		}
		// as on Mailchimp, a tag change does not move last_changed
	}

	/**
	 * Archives a member as a Mailchimp user would (the same as {@code DELETE} on the
	 * member).
	 */
	public synchronized void archive(String email) {
		archiveMember(SubscriberHash.of(email));
	}

	/** Permanently deletes an address: it can never be added again. */
	public synchronized void forget(String email) {
		SandboxMember gone = this.members.remove(SubscriberHash.of(email));
		if (gone != null) {
			this.joined.remove(gone);
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

	synchronized Map<String, Object> batchSubscribe(List<Map<String, Object>> requested, boolean updateExisting) {
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
				existing.status = "archived".equals(existing.status) ? existing.status : status;
				existing.takeFields(request);
				existing.changed();
				updated.add(render(existing));
			}
			else {
				SandboxMember member = SandboxMember.joining(SubscriberHash.of(email), email, status, request);
				add(member);
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
	 * leaves the plain list).
	 */
	synchronized void archiveMember(String hash) {
		SandboxMember member = require(hash);
		if (!"archived".equals(member.status)) {
			member.status = "archived";
			this.archived++;
			member.changed();
		}
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
				member.tagIds.add(id);
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
		List<Map<String, Object>> added = apply(add, notMembers, (member) -> member.tagIds.add(segmentId));
		List<Map<String, Object>> removed = apply(remove, notMembers, (member) -> member.tagIds.remove(segmentId));
		List<Map<String, Object>> errors = notMembers.isEmpty() ? List.of() : List
			.of(Map.of("email_addresses", notMembers, "error", "Email addresses are not members of the list"));
		return Map.of("members_added", added, "members_removed", removed, "errors", errors, "total_added", added.size(),
				"total_removed", removed.size(), "error_count", notMembers.size());
	}

	// --- rules and rendering ---

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
	}

	private static int archived(SandboxMember member) {
		return "archived".equals(member.status) ? 1 : 0;
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
