package com.kapta.mailchimp.push;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;

import com.kapta.mailchimp.EmailKey;
import com.kapta.mailchimp.audience.AudienceMembers;
import com.kapta.mailchimp.audience.AudienceMembers.Membership;
import com.kapta.mailchimp.audience.DoNotSubscribe;
import com.kapta.mailchimp.batch.ChunkConnections;
import com.kapta.mailchimp.batch.ChunkLedger;
import com.kapta.mailchimp.batch.RunOutcomes.Outcome;
import com.kapta.mailchimp.contact.Outbox;
import com.kapta.mailchimp.contact.Outbox.Change;
import com.kapta.mailchimp.mailchimp.BatchSubscribeResult;
import com.kapta.mailchimp.mailchimp.BulkCalls;
import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.NewMember;
import com.kapta.mailchimp.mailchimp.OwnMembers;
import com.kapta.mailchimp.mailchimp.SubscribeAnswer;
import com.kapta.mailchimp.mailchimp.TagCall;

/**
 * Sends one chunk of contacts' waiting changes in bulk. Contacts Kapta does not know as
 * members (new ones, and any whose membership is unknown) join first: batch subscribes of
 * up to 500 with {@code update_existing=false}, so an existing member keeps its status;
 * addresses in the do-not-subscribe memory are never subscribed. Then each contact's tag
 * changes, coalesced (a tag added then removed sends nothing), go as segment calls of up
 * to 500 additions and 500 removals per tag, side by side. Only then, in the chunk's
 * transaction, the changes are marked sent (or failed for good, with Mailchimp's words).
 * A change whose call failed for a passing reason fails the chunk and stays waiting;
 * every call is idempotent, so sending a chunk again has the effect of sending it once.
 */
class PushWriter implements ItemWriter<PendingContact>, ItemStream {

	private final MailchimpClient client;

	private final String audienceId;

	private final Map<String, Long> tags = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

	private final String newMemberStatus;

	private final BulkCalls calls;

	private final ChunkLedger.Books books;

	private final Outbox outbox;

	private final AudienceMembers members;

	private final DoNotSubscribe doNotSubscribe;

	private final String signupStamp;

	private final OwnMembers ownMembers;

	private final ChunkConnections connections;

	/**
	 * @param signupStamp the {@code timestamp_signup} of the members this run creates
	 * @param ownMembers tells the members this run created, for chunks that may have
	 * reached Mailchimp before (the first after a restart, one whose answer was lost)
	 */
	PushWriter(MailchimpClient client, String audienceId, Map<String, Long> audienceTags, String newMemberStatus,
			int maxConnections, String signupStamp, OwnMembers ownMembers, ChunkLedger.Books books, Outbox outbox,
			AudienceMembers members, DoNotSubscribe doNotSubscribe, ChunkConnections connections) {
		this.connections = connections;
		this.client = client;
		this.signupStamp = signupStamp;
		this.ownMembers = ownMembers;
		this.audienceId = audienceId;
		this.tags.putAll(audienceTags);
		this.newMemberStatus = newMemberStatus;
		this.calls = new BulkCalls(maxConnections);
		this.books = books;
		this.outbox = outbox;
		this.members = members;
		this.doNotSubscribe = doNotSubscribe;
	}

	@Override
	public void write(Chunk<? extends PendingContact> chunk) {
		ChunkLedger ledger = this.books.open();
		ledger.outcome(Outcome.count("contacts", PushOutcome.CONTACTS, chunk.size()));
		Map<Long, PendingContact> contacts = new LinkedHashMap<>();
		chunk.forEach((contact) -> contacts.put(contact.contactId(), contact));
		// read before the calls, outside the chunk's transaction: it takes its connection
		// only to write what Mailchimp answered
		Set<Long> members = new HashSet<>(
				this.connections.read(() -> this.members.membersAmong(this.audienceId, contacts.keySet())));
		Map<String, DoNotSubscribe.Reason> refused = this.connections.read(() -> this.doNotSubscribe
			.reasonsOf(this.audienceId, contacts.values().stream().map(PendingContact::email).toList()));
		List<Long> sent = new ArrayList<>();
		Map<Long, String> failed = new HashMap<>();

		List<PendingContact> joining = new ArrayList<>();
		for (PendingContact contact : contacts.values()) {
			if (members.contains(contact.contactId())) {
				continue;
			}
			DoNotSubscribe.Reason reason = refused.get(EmailKey.of(contact.email()));
			if (reason == null) {
				joining.add(contact);
			}
			else if (addedNow(contact)) {
				ledger.outcome(Outcome.of(contact.email(), PushOutcome.NOT_SUBSCRIBED,
						"Mailchimp will not subscribe this address (" + reason.name().toLowerCase(Locale.ROOT) + ")"));
			}
		}
		join(joining, members, contacts, failed, ledger);
		// a new contact's own change is done once it is a member (or will never be one)
		contacts.values()
			.forEach((contact) -> contact.changes()
				.stream()
				.filter((change) -> change.change() == Change.CONTACT_ADDED && !failed.containsKey(change.id()))
				.forEach((change) -> sent.add(change.id())));

		List<TagChange> changes = new ArrayList<>();
		for (PendingContact contact : contacts.values()) {
			if (contact.changes().stream().anyMatch((change) -> failed.containsKey(change.id()))) {
				continue; // refused as a whole
			}
			TagChange.Coalesced coalesced = TagChange.coalesce(contact);
			changes.addAll(coalesced.changes());
			sent.addAll(coalesced.settled());
			if (coalesced.cancelled() > 0) {
				ledger.outcome(Outcome.count("changes", PushOutcome.COALESCED, coalesced.cancelled()));
			}
		}
		sendTagChanges(changes, members, refused, sent, failed, ledger);
		ledger.then(() -> this.outbox.markSent(sent));
		ledger.then(() -> this.outbox.markFailed(failed));
		ledger.apply(chunk.size());
	}

	private static boolean addedNow(PendingContact contact) {
		return contact.changes().stream().anyMatch((change) -> change.change() == Change.CONTACT_ADDED);
	}

	/**
	 * Subscribes the contacts that are not known members; those Mailchimp has already
	 * stay as they are. A refused address fails all of its contact's changes and is
	 * remembered; one Mailchimp did not mention leaves its changes waiting (the chunk
	 * goes on without them).
	 */
	private void join(List<PendingContact> joining, Set<Long> members, Map<Long, PendingContact> contacts,
			Map<Long, String> failed, ChunkLedger ledger) {
		if (joining.isEmpty()) {
			return;
		}
		List<NewMember> newMembers = joining.stream()
			.map((c) -> new NewMember(c.email(), this.newMemberStatus, c.firstName(), c.lastName(), this.signupStamp))
			.toList();
		List<BatchSubscribeResult> results = this.calls.sideBySide(BulkCalls.batches(newMembers),
				(batch) -> this.client.batchSubscribe(this.audienceId, batch, false));
		SubscribeAnswer<PendingContact> answer = SubscribeAnswer.of(joining, PendingContact::email, results);
		// if these calls may have been applied before, members that exist may be ours:
		// the stamp tells
		Map<PendingContact, String> ours = this.ownMembers.among(answer, PendingContact::email, results);
		for (SubscribeAnswer.Created<PendingContact> member : answer.created()) {
			members.add(member.item().contactId());
			ledger.member(new Membership(member.item().contactId(), member.item().email(), member.status(), true));
		}
		for (PendingContact contact : answer.existing()) {
			members.add(contact.contactId());
			ledger.member(
					new Membership(contact.contactId(), contact.email(), ours.get(contact), ours.containsKey(contact)));
		}
		for (SubscribeAnswer.Refused<PendingContact> refusal : answer.refused()) {
			refusal.item().changes().forEach((change) -> failed.put(change.id(), refusal.error()));
			ledger.remember(DoNotSubscribe.Entry.refusal(refusal.item().email(), refusal.error()));
			ledger.outcome(Outcome.of(refusal.item().email(), PushOutcome.FAILED, refusal.error()));
		}
		// not mentioned in the answer: tried again by the next push
		answer.unmentioned().forEach((contact) -> contacts.remove(contact.contactId()));
		ledger
			.outcome(Outcome.count("contacts", PushOutcome.ADDED_TO_MAILCHIMP, answer.created().size() + ours.size()));
		ledger.outcome(
				Outcome.count("contacts", PushOutcome.ALREADY_ON_MAILCHIMP, answer.existing().size() - ours.size()));
	}

	/**
	 * Sends the tag changes of members, per tag in calls of up to 500 additions and 500
	 * removals, side by side.
	 */
	private void sendTagChanges(List<TagChange> changes, Set<Long> members, Map<String, DoNotSubscribe.Reason> refused,
			List<Long> sent, Map<Long, String> failed, ChunkLedger ledger) {
		List<TagChange> toSend = new ArrayList<>();
		for (TagChange change : changes) {
			DoNotSubscribe.Reason reason = refused.get(EmailKey.of(change.contact().email()));
			if (!this.tags.containsKey(change.tag()) && !change.add()) {
				// the audience has no such tag: nobody has it
				sent.addAll(change.changeIds());
			}
			else if (!this.tags.containsKey(change.tag())) {
				fail(change, "the audience has no tag " + change.tag(), failed, ledger);
			}
			else if (!members.contains(change.contact().contactId()) && reason != null) {
				fail(change, "not a member of the audience (" + reason.name().toLowerCase(Locale.ROOT) + ")", failed,
						ledger);
			}
			else {
				toSend.add(change);
			}
		}
		Map<TagChange, String> errors = TagCall.send(this.client, this.audienceId, this.tags, this.calls, toSend);
		for (TagChange change : toSend) {
			String error = errors.get(change);
			if (error != null) {
				fail(change, error, failed, ledger);
			}
			else {
				sent.addAll(change.changeIds());
				ledger.tally(change.add() ? PushOutcome.TAG_ADDED : PushOutcome.TAG_REMOVED, change.tag());
			}
		}
	}

	private static void fail(TagChange change, String reason, Map<Long, String> failed, ChunkLedger ledger) {
		change.changeIds().forEach((id) -> failed.put(id, reason));
		ledger.outcome(Outcome.of(change.contact().email(), PushOutcome.FAILED,
				(change.add() ? "adding " : "removing ") + change.tag() + ": " + reason));
	}

	@Override
	public void close() {
		this.calls.close();
	}

}
