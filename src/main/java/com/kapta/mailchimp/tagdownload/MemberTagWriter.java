package com.kapta.mailchimp.tagdownload;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

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
 * Gives each Kapta contact of a chunk of members exactly its member's tags (missing ones
 * added, extra ones removed, compared ignoring case), stores the member's status, and
 * remembers unsubscribed, cleaned and archived addresses. A contact with a change still
 * waiting in the outbox is kept as it is. Nothing is sent to Mailchimp; all of Kapta's
 * changes commit with the chunk.
 */
class MemberTagWriter implements ItemWriter<Member> {

	private final MailchimpClient client;

	private final String audienceId;

	private final ChunkLedger.Books books;

	private final ContactRepository contacts;

	private final Outbox outbox;

	private final AudienceMembers members;

	private final ChunkConnections connections;

	MemberTagWriter(MailchimpClient client, String audienceId, ChunkLedger.Books books, ContactRepository contacts,
			Outbox outbox, AudienceMembers members, ChunkConnections connections) {
		this.connections = connections;
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
		// read outside the chunk's transaction: a member with more tags than shown
		// takes a call below, and the transaction takes its connection only to write
		Kapta kapta = this.connections.read(() -> kapta(byEmail.keySet()));
		Map<String, Long> contactIds = kapta.contactIds();
		Set<Long> pending = kapta.pending();
		Map<Long, List<String>> kaptaTags = kapta.tags();
		Map<Long, String> knownStatus = kapta.statuses();
		for (Map.Entry<String, Member> entry : byEmail.entrySet()) {
			Member member = entry.getValue();
			Long contactId = contactIds.get(entry.getKey());
			if (contactId == null) {
				ledger
					.outcome(Outcome.of(member.emailAddress(), DownloadOutcome.UNMATCHED, "status " + member.status()));
				continue;
			}
			if (pending.contains(contactId)) {
				ledger.outcome(Outcome.of(member.emailAddress(), DownloadOutcome.KEPT_CHANGE_PENDING,
						"a Kapta change to this contact is waiting to be sent"));
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
			Set<String> wanted = names(memberTags(member));
			Set<String> have = names(kaptaTags.getOrDefault(contactId, List.of()));
			List<String> toAdd = wanted.stream().filter((tag) -> !have.contains(tag)).toList();
			List<String> toRemove = have.stream().filter((tag) -> !wanted.contains(tag)).toList();
			if (toAdd.isEmpty() && toRemove.isEmpty()) {
				continue;
			}
			for (String tag : toAdd) {
				ledger.tag(contactId, tag, true);
				ledger.tally(DownloadOutcome.TAG_ADDED, tag);
			}
			for (String tag : toRemove) {
				ledger.tag(contactId, tag, false);
				ledger.tally(DownloadOutcome.TAG_REMOVED, tag);
			}
			ledger.outcome(Outcome.of(member.emailAddress(), DownloadOutcome.UPDATED,
					"added: " + describe(toAdd) + "; removed: " + describe(toRemove)));
		}
		ledger.apply(chunk.size());
	}

	private Kapta kapta(Set<String> emails) {
		Map<String, Long> contactIds = this.contacts.idsByEmail(emails);
		return new Kapta(contactIds, this.outbox.withPendingChanges(contactIds.values()),
				this.contacts.tagsOf(contactIds.values()),
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

	private static Set<String> names(List<String> tags) {
		Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		names.addAll(tags);
		return names;
	}

	private static String describe(List<String> tags) {
		return tags.isEmpty() ? "-" : String.join(", ", tags);
	}

}
