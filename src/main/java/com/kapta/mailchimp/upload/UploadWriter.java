package com.kapta.mailchimp.upload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import com.kapta.mailchimp.audience.AudienceMembers;
import com.kapta.mailchimp.audience.AudienceMembers.Membership;
import com.kapta.mailchimp.audience.DoNotSubscribe;
import com.kapta.mailchimp.batch.Progress;
import com.kapta.mailchimp.batch.RunOutcomes;
import com.kapta.mailchimp.batch.RunOutcomes.Outcome;
import com.kapta.mailchimp.contact.ContactRepository;
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

	/** The services a chunk writes through. */
	record Sinks(AudienceMembers members, DoNotSubscribe doNotSubscribe, ContactRepository contacts,
			RunOutcomes outcomes, Progress progress) {
	}

	private final MailchimpClient client;

	private final String audienceId;

	private final Map<String, Long> launchTags;

	private final String newMemberStatus;

	private final long jobInstanceId;

	private final String signupStamp;

	private final Sinks sinks;

	private final OwnMembers ownMembers;

	/**
	 * @param signupStamp the run's launch time, sent as {@code timestamp_signup}: a
	 * member carrying it was created by this run
	 * @param ownMembers tells the members this run created, for chunks that may have
	 * reached Mailchimp before (the first after a restart, one whose answer was lost)
	 */
	UploadWriter(MailchimpClient client, String audienceId, Map<String, Long> launchTags, String newMemberStatus,
			long jobInstanceId, String signupStamp, OwnMembers ownMembers, Sinks sinks) {
		this.client = client;
		this.audienceId = audienceId;
		this.launchTags = launchTags;
		this.newMemberStatus = newMemberStatus;
		this.jobInstanceId = jobInstanceId;
		this.signupStamp = signupStamp;
		this.ownMembers = ownMembers;
		this.sinks = sinks;
	}

	@Override
	public void write(Chunk<? extends UploadCandidate> chunk) {
		List<Outcome> outcomes = new ArrayList<>();
		List<UploadCandidate> toSend = new ArrayList<>();
		for (UploadCandidate candidate : chunk) {
			if (candidate.doNotSubscribe() != null) {
				outcomes.add(UploadOutcome.skipped(candidate));
			}
			else {
				toSend.add(candidate);
			}
		}
		if (!toSend.isEmpty()) {
			send(toSend, outcomes);
		}
		this.sinks.outcomes().record(this.jobInstanceId, outcomes);
		this.sinks.progress().advance(chunk.size());
	}

	private void send(List<UploadCandidate> toSend, List<Outcome> outcomes) {
		List<NewMember> members = toSend.stream()
			.map((c) -> new NewMember(c.email(), this.newMemberStatus, c.firstName(), c.lastName(), this.signupStamp))
			.toList();
		List<BatchSubscribeResult> results = List.of(this.client.batchSubscribe(this.audienceId, members, false));
		SubscribeAnswer<UploadCandidate> answer = SubscribeAnswer.of(toSend, UploadCandidate::email, results);
		// if this chunk may have been applied before (a lost answer, or a crash before
		// the commit), members that exist may be ours: the stamp tells
		Map<UploadCandidate, String> ours = this.ownMembers.among(answer, UploadCandidate::email, results);

		List<Membership> memberships = new ArrayList<>();
		List<UploadCandidate> created = new ArrayList<>();
		for (SubscribeAnswer.Created<UploadCandidate> member : answer.created()) {
			memberships.add(new Membership(member.item().contactId(), member.item().email(), member.status(), true));
			created.add(member.item());
		}
		for (UploadCandidate candidate : answer.existing()) {
			if (ours.containsKey(candidate)) {
				memberships.add(new Membership(candidate.contactId(), candidate.email(), ours.get(candidate), true));
				created.add(candidate);
			}
			else {
				memberships.add(new Membership(candidate.contactId(), candidate.email(), null, false));
				outcomes.add(Outcome.of(candidate.email(), UploadOutcome.ALREADY_ON_MAILCHIMP, null));
			}
		}
		List<DoNotSubscribe.Entry> refused = new ArrayList<>();
		for (SubscribeAnswer.Refused<UploadCandidate> refusal : answer.refused()) {
			refused.add(DoNotSubscribe.Entry.refusal(refusal.item().email(), refusal.error()));
			outcomes.add(Outcome.of(refusal.item().email(), UploadOutcome.REJECTED, refusal.error()));
		}
		// an address Mailchimp did not mention stays a candidate for the next upload
		answer.unmentioned()
			.forEach((c) -> outcomes
				.add(Outcome.of(c.email(), UploadOutcome.REJECTED, "Mailchimp did not report on this address")));

		if (!created.isEmpty()) {
			// one row per chunk: the report lists contacts that were not simply added,
			// and counts these
			outcomes.add(Outcome.count("contacts", UploadOutcome.ADDED, created.size()));
		}
		tagCreatedMembers(created.stream().map(UploadCandidate::email).toList(), outcomes);
		this.sinks.members().record(this.audienceId, memberships);
		this.sinks.doNotSubscribe().remember(this.audienceId, refused);
		this.sinks.contacts()
			.tagAll(created.stream().map(UploadCandidate::contactId).toList(), this.launchTags.keySet());
	}

	private void tagCreatedMembers(List<String> createdEmails, List<Outcome> outcomes) {
		if (createdEmails.isEmpty()) {
			return;
		}
		for (Map.Entry<String, Long> tag : this.launchTags.entrySet()) {
			var result = this.client.updateTagMembers(this.audienceId, tag.getValue(), createdEmails, List.of());
			outcomes.add(Outcome.count(tag.getKey(), UploadOutcome.TAG_APPLIED, result.totalAdded()));
		}
	}

}
