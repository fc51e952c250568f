package com.kapta.mailchimp.tagdownload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import com.kapta.mailchimp.EmailKey;
import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.audience.AudienceMembers;
import com.kapta.mailchimp.audience.AudienceMembers.Membership;
import com.kapta.mailchimp.audience.DoNotSubscribe;
import com.kapta.mailchimp.batch.Progress;
import com.kapta.mailchimp.batch.RunOutcomes;
import com.kapta.mailchimp.batch.RunOutcomes.Outcome;
import com.kapta.mailchimp.contact.ContactRepository;
import com.kapta.mailchimp.contact.ContactRepository.TagRow;
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

	/** What the chunk writes through. */
	record Sinks(ContactRepository contacts, Outbox outbox, AudienceMembers members, DoNotSubscribe doNotSubscribe,
			RunOutcomes outcomes, Progress progress) {
	}

	private static final Map<String, DoNotSubscribe.Reason> REMEMBERED = Map.of("unsubscribed",
			DoNotSubscribe.Reason.UNSUBSCRIBED, "cleaned", DoNotSubscribe.Reason.CLEANED, "archived",
			DoNotSubscribe.Reason.ARCHIVED);

	private final MailchimpClient client;

	private final String audienceId;

	private final long jobInstanceId;

	private final boolean dryRun;

	private final Sinks sinks;

	MemberTagWriter(MailchimpClient client, String audienceId, long jobInstanceId, boolean dryRun, Sinks sinks) {
		this.client = client;
		this.audienceId = audienceId;
		this.jobInstanceId = jobInstanceId;
		this.dryRun = dryRun;
		this.sinks = sinks;
	}

	@Override
	public void write(Chunk<? extends Member> chunk) {
		List<Outcome> outcomes = new ArrayList<>();
		outcomes.add(Outcome.count("members", DownloadOutcome.MEMBERS_READ, chunk.size()));
		Map<String, Member> byEmail = new HashMap<>();
		for (Member member : chunk) {
			try {
				byEmail.put(EmailKey.of(EmailAddresses.requireValid(member.emailAddress())), member);
			}
			catch (InvalidInputException ex) {
				outcomes
					.add(Outcome.of(String.valueOf(member.emailAddress()), DownloadOutcome.MALFORMED, ex.getMessage()));
			}
		}
		Map<String, Long> contactIds = this.sinks.contacts().idsByEmail(byEmail.keySet());
		Set<Long> pending = this.sinks.outbox().withPendingChanges(contactIds.values());
		Map<Long, List<String>> kaptaTags = this.sinks.contacts().tagsOf(contactIds.values());
		Map<Long, String> knownStatus = this.sinks.members().statusesOf(this.audienceId, contactIds.values());

		List<TagRow> add = new ArrayList<>();
		List<TagRow> remove = new ArrayList<>();
		List<Membership> memberships = new ArrayList<>();
		List<DoNotSubscribe.Entry> remembered = new ArrayList<>();
		Map<String, Integer> added = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		Map<String, Integer> removed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (Map.Entry<String, Member> entry : byEmail.entrySet()) {
			Member member = entry.getValue();
			Long contactId = contactIds.get(entry.getKey());
			if (contactId == null) {
				outcomes.add(Outcome.of(member.emailAddress(), DownloadOutcome.UNMATCHED, "status " + member.status()));
				continue;
			}
			if (pending.contains(contactId)) {
				outcomes.add(Outcome.of(member.emailAddress(), DownloadOutcome.KEPT_CHANGE_PENDING,
						"a Kapta change to this contact is waiting to be sent"));
				continue;
			}
			if (!knownStatus.containsKey(contactId) || !Objects.equals(knownStatus.get(contactId), member.status())) {
				// only what changed: rewriting every member's row each night was most of
				// a download's time
				memberships.add(new Membership(contactId, member.emailAddress(), member.status(), false));
			}
			if (REMEMBERED.containsKey(member.status())) {
				remembered.add(new DoNotSubscribe.Entry(member.emailAddress(), REMEMBERED.get(member.status()),
						"status " + member.status() + " on Mailchimp"));
			}
			Set<String> wanted = names(memberTags(member));
			Set<String> have = names(kaptaTags.getOrDefault(contactId, List.of()));
			List<String> toAdd = wanted.stream().filter((tag) -> !have.contains(tag)).toList();
			List<String> toRemove = have.stream().filter((tag) -> !wanted.contains(tag)).toList();
			if (toAdd.isEmpty() && toRemove.isEmpty()) {
				continue;
			}
			toAdd.forEach((tag) -> add.add(new TagRow(contactId, tag)));
			toRemove.forEach((tag) -> remove.add(new TagRow(contactId, tag)));
			toAdd.forEach((tag) -> added.merge(tag, 1, Integer::sum));
			toRemove.forEach((tag) -> removed.merge(tag, 1, Integer::sum));
			outcomes.add(Outcome.of(member.emailAddress(), DownloadOutcome.UPDATED,
					"added: " + describe(toAdd) + "; removed: " + describe(toRemove)));
		}
		added.forEach((tag, n) -> outcomes.add(Outcome.count(tag, DownloadOutcome.TAG_ADDED, n)));
		removed.forEach((tag, n) -> outcomes.add(Outcome.count(tag, DownloadOutcome.TAG_REMOVED, n)));
		if (!this.dryRun) {
			this.sinks.contacts().changeTags(add, remove);
			this.sinks.members().record(this.audienceId, memberships);
			this.sinks.doNotSubscribe().remember(this.audienceId, remembered);
		}
		this.sinks.outcomes().record(this.jobInstanceId, outcomes);
		this.sinks.progress().advance(chunk.size());
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
