package com.kapta.mailchimp.upload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import com.kapta.mailchimp.audience.AudienceMembers.Membership;
import com.kapta.mailchimp.audience.DoNotSubscribe;
import com.kapta.mailchimp.batch.ChunkLedger;
import com.kapta.mailchimp.batch.RunOutcomes.Outcome;
import com.kapta.mailchimp.mailchimp.BatchSubscribeResult;
import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.NewMember;
import com.kapta.mailchimp.mailchimp.OwnMembers;
import com.kapta.mailchimp.mailchimp.SubscribeAnswer;

/**
 * Uploads one chunk: one batch subscribe with {@code update_existing=false} (existing
 * members come back as {@code ERROR_CONTACT_EXISTS} and are not touched), then one
 * {@code members_to_add} per launch tag for the members this call created, and only then
 * Kapta's side, in the chunk's transaction: memberships, the do-not-subscribe memory, the
 * new members' launch tags, and the outcomes for the report.
 */
class UploadWriter implements ItemWriter<UploadCandidate> {

	private final MailchimpClient client;

	private final String audienceId;

	private final Map<String, Long> launchTags;

	private final String newMemberStatus;

	private final String signupStamp;

	private final OwnMembers ownMembers;

	private final ChunkLedger.Books books;

	/**
	 * @param signupStamp the run's launch time, sent as {@code timestamp_signup}: a
	 * member carrying it was created by this run
	 * @param ownMembers tells the members this run created, for chunks that may have
	 * reached Mailchimp before (the first after a restart, one whose answer was lost)
	 */
	UploadWriter(MailchimpClient client, String audienceId, Map<String, Long> launchTags, String newMemberStatus,
			String signupStamp, OwnMembers ownMembers, ChunkLedger.Books books) {
		this.client = client;
		this.audienceId = audienceId;
		this.launchTags = launchTags;
		this.newMemberStatus = newMemberStatus;
		this.signupStamp = signupStamp;
		this.ownMembers = ownMembers;
		this.books = books;
	}

	@Override
	public void write(Chunk<? extends UploadCandidate> chunk) {
		ChunkLedger ledger = this.books.open();
		List<UploadCandidate> toSend = new ArrayList<>();
		for (UploadCandidate candidate : chunk) {
			if (candidate.doNotSubscribe() != null) {
				ledger.outcome(UploadOutcome.skipped(candidate));
			}
			else {
				toSend.add(candidate);
			}
		}
		if (!toSend.isEmpty()) {
			send(toSend, ledger);
		}
		ledger.apply(chunk.size());
	}

	private void send(List<UploadCandidate> toSend, ChunkLedger ledger) {
		List<NewMember> members = toSend.stream()
			.map((c) -> new NewMember(c.email(), this.newMemberStatus, c.firstName(), c.lastName(), this.signupStamp))
			.toList();
		List<BatchSubscribeResult> results = List.of(this.client.batchSubscribe(this.audienceId, members, false));
		SubscribeAnswer<UploadCandidate> answer = SubscribeAnswer.of(toSend, UploadCandidate::email, results);
		// if this chunk may have been applied before (a lost answer, or a crash before
		// the commit), members that exist may be ours: the stamp tells
		Map<UploadCandidate, String> ours = this.ownMembers.among(answer, UploadCandidate::email, results);

		List<UploadCandidate> created = new ArrayList<>();
		for (SubscribeAnswer.Created<UploadCandidate> member : answer.created()) {
			ledger.member(new Membership(member.item().contactId(), member.item().email(), member.status(), true));
			created.add(member.item());
		}
		for (UploadCandidate candidate : answer.existing()) {
			if (ours.containsKey(candidate)) {
				ledger.member(new Membership(candidate.contactId(), candidate.email(), ours.get(candidate), true));
				created.add(candidate);
			}
			else {
				ledger.member(new Membership(candidate.contactId(), candidate.email(), null, false));
				ledger.outcome(Outcome.of(candidate.email(), UploadOutcome.ALREADY_ON_MAILCHIMP, null));
			}
		}
		for (SubscribeAnswer.Refused<UploadCandidate> refusal : answer.refused()) {
			ledger.remember(DoNotSubscribe.Entry.refusal(refusal.item().email(), refusal.error()));
			ledger.outcome(Outcome.of(refusal.item().email(), UploadOutcome.REJECTED, refusal.error()));
		}
		// an address Mailchimp did not mention stays a candidate for the next upload
		answer.unmentioned()
			.forEach((c) -> ledger
				.outcome(Outcome.of(c.email(), UploadOutcome.REJECTED, "Mailchimp did not report on this address")));

		if (!created.isEmpty()) {
			// one row per chunk: the report lists contacts that were not simply added,
			// and counts these
			ledger.outcome(Outcome.count("contacts", UploadOutcome.ADDED, created.size()));
			tagCreatedMembers(created.stream().map(UploadCandidate::email).toList(), ledger);
			List<Long> ids = created.stream().map(UploadCandidate::contactId).toList();
			ledger.tagAll(ids, this.launchTags.keySet());
		}
	}

	private void tagCreatedMembers(List<String> createdEmails, ChunkLedger ledger) {
		for (Map.Entry<String, Long> tag : this.launchTags.entrySet()) {
			var result = this.client.updateTagMembers(this.audienceId, tag.getValue(), createdEmails, List.of());
			ledger.outcome(Outcome.count(tag.getKey(), UploadOutcome.TAG_APPLIED, result.totalAdded()));
		}
	}

}
