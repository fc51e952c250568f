package com.kapta.mailchimp.tagdownload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import com.kapta.mailchimp.EmailKey;
import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.audience.AudienceMembers;
import com.kapta.mailchimp.audience.AudienceMembers.Membership;
import com.kapta.mailchimp.audience.DoNotSubscribe;
import com.kapta.mailchimp.batch.ChunkConnections;
import com.kapta.mailchimp.batch.ChunkLedger;
import com.kapta.mailchimp.batch.RunOutcomes.Outcome;
import com.kapta.mailchimp.contact.ContactRepository;
import com.kapta.mailchimp.contact.EmailAddresses;
import com.kapta.mailchimp.contact.Outbox;
import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.Member;
import com.kapta.mailchimp.mailchimp.MemberTag;

/**
 * The member partitions' writer. A full scan's members and the archived ones
 * ({@link Mode#TAGS}): gives each Kapta contact of a chunk exactly its member's tags
 * (missing ones added, extra ones removed, compared ignoring case), stores the member's
 * status, and remembers unsubscribed, cleaned and archived addresses. Tag by tag, a tag
 * list's members are noted ({@link Mode#TAG_MEMBERS}) and the changed members give their
 * statuses alone ({@link Mode#STATUSES}). A contact with a change still waiting in the
 * outbox is kept as it is. Nothing is sent to Mailchimp; all of Kapta's changes commit
 * with the chunk.
 */
class MemberTagWriter implements ItemWriter<Member> {

	/** What a partition's members give Kapta. */
	enum Mode {

		/** A full scan's members (and the archived ones): their tags and statuses. */
		TAGS,

		/**
		 * A tag's members: noted ({@link TagMembers}), to be given their tags once every
		 * tag is read.
		 */
		TAG_MEMBERS,

		/**
		 * The members changed since the last download: their statuses, not their tags.
		 */
		STATUSES

	}

	private final MailchimpClient client;

	private final String audienceId;

	private final ChunkLedger.Books books;

	private final ContactRepository contacts;

	private final Outbox outbox;

	private final AudienceMembers members;

	private final ChunkConnections connections;

	private final Mode mode;

	private final @Nullable Long tagId;

	private final TagMembers tagMembers;

	MemberTagWriter(MailchimpClient client, String audienceId, ChunkLedger.Books books, ContactRepository contacts,
			Outbox outbox, AudienceMembers members, ChunkConnections connections, DownloadPartitioner.Range range,
			TagMembers tagMembers) {
		this.connections = connections;
		this.mode = range.mode();
		this.tagId = range.tagId();
		this.tagMembers = tagMembers;
		this.client = client;
		this.audienceId = audienceId;
		this.books = books;
		this.contacts = contacts;
		this.outbox = outbox;
		this.members = members;
	}

	@Override
	public void write(Chunk<? extends Member> chunk) {
		ChunkLedger ledger = this.books.open();
		ledger.outcome(Outcome.count("members", DownloadOutcome.MEMBERS_READ, chunk.size()));
		Map<String, Member> byEmail = new HashMap<>();
		for (Member member : chunk) {
			try {
				byEmail.put(EmailKey.of(EmailAddresses.requireValid(member.emailAddress())), member);
			}
			catch (InvalidInputException ex) {
				ledger.outcome(
						Outcome.of(String.valueOf(member.emailAddress()), DownloadOutcome.MALFORMED, ex.getMessage()));
			}
		}
		if (this.mode == Mode.TAG_MEMBERS) {
			noteTagMembers(byEmail);
			ledger.apply(chunk.size());
			return;
		}
		// read outside the chunk's transaction: a member with more tags than shown
		// takes a call below, and the transaction takes its connection only to write
		Kapta kapta = this.connections.read(() -> kapta(byEmail.keySet()));
		List<TagMembers.Row> unknown = new ArrayList<>();
		Map<String, Long> contactIds = kapta.contactIds();
		Set<Long> pending = kapta.pending();
		Map<Long, List<String>> kaptaTags = kapta.tags();
		Map<Long, String> knownStatus = kapta.statuses();
		for (Map.Entry<String, Member> entry : byEmail.entrySet()) {
			Member member = entry.getValue();
			Long contactId = contactIds.get(entry.getKey());
			if (contactId == null) {
				if (this.mode == Mode.STATUSES) {
					// reported once with the tags' unknown members
					unknown.add(TagMembers.Row.unknown(member.emailAddress()));
				}
				else {
					ledger.outcome(
							Outcome.of(member.emailAddress(), DownloadOutcome.UNMATCHED, "status " + member.status()));
				}
				continue;
			}
			if (pending.contains(contactId)) {
				if (this.mode == Mode.TAGS) {
					// tag by tag, the contacts whose tags are compared say so
					ledger.outcome(Outcome.of(member.emailAddress(), DownloadOutcome.KEPT_CHANGE_PENDING,
							"a Kapta change to this contact is waiting to be sent"));
				}
				continue;
			}
			if (!knownStatus.containsKey(contactId) || !Objects.equals(knownStatus.get(contactId), member.status())) {
				// only what changed: rewriting every member's row each night was most of
				// a download's time
				ledger.member(new Membership(contactId, member.emailAddress(), member.status(), false));
			}
			DoNotSubscribe.Reason.ofStatus(member.status())
				.ifPresent((reason) -> ledger.remember(new DoNotSubscribe.Entry(member.emailAddress(), reason,
						"status " + member.status() + " on Mailchimp")));
			if (this.mode == Mode.STATUSES) {
				continue;
			}
			TagDifference.give(ledger, contactId, member.emailAddress(), memberTags(member),
					kaptaTags.getOrDefault(contactId, List.of()));
		}
		if (!unknown.isEmpty()) {
			this.tagMembers.add(this.books.run(), unknown);
		}
		ledger.apply(chunk.size());
	}

	/**
	 * A tag's members, noted with the chunk (also in a dry run: they change nothing in
	 * Kapta): each known contact with the tag, each unknown member by its email.
	 */
	private void noteTagMembers(Map<String, Member> byEmail) {
		Map<String, Long> contactIds = this.connections.read(() -> this.contacts.idsByEmail(byEmail.keySet()));
		List<TagMembers.Row> rows = new ArrayList<>(byEmail.size());
		byEmail.forEach((key, member) -> {
			Long contactId = contactIds.get(key);
			rows.add((contactId != null) ? TagMembers.Row.tagged(contactId, this.tagId)
					: TagMembers.Row.unknown(member.emailAddress()));
		});
		this.tagMembers.add(this.books.run(), rows);
	}

	private Kapta kapta(Set<String> emails) {
		Map<String, Long> contactIds = this.contacts.idsByEmail(emails);
		// the changed members give their statuses alone: their Kapta tags are not needed
		return new Kapta(contactIds, this.outbox.withPendingChanges(contactIds.values()),
				(this.mode == Mode.TAGS) ? this.contacts.tagsOf(contactIds.values()) : Map.of(),
				this.members.statusesOf(this.audienceId, contactIds.values()));
	}

	/** What Kapta knows of a chunk's members. */
	private record Kapta(Map<String, Long> contactIds, Set<Long> pending, Map<Long, List<String>> tags,
			Map<Long, String> statuses) {
	}

	/**
	 * The member's tags: those shown inline, or all of them when it has more than
	 * Mailchimp shows.
	 */
	private List<String> memberTags(Member member) {
		List<MemberTag> tags = member.hasMoreTagsThanShown()
				? this.client.memberTags(this.audienceId, member.emailAddress())
				: (member.tags() != null ? member.tags() : List.of());
		return tags.stream().map(MemberTag::name).toList();
	}

}
