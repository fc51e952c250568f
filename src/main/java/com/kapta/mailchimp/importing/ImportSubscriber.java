package com.kapta.mailchimp.importing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;

import com.kapta.mailchimp.EmailKey;
import com.kapta.mailchimp.audience.AudienceMembers.Membership;
import com.kapta.mailchimp.audience.DoNotSubscribe;
import com.kapta.mailchimp.batch.ChunkLedger;
import com.kapta.mailchimp.batch.RunOutcomes;
import com.kapta.mailchimp.batch.RunOutcomes.Outcome;
import com.kapta.mailchimp.contact.ContactRepository;
import com.kapta.mailchimp.contact.NewContact;
import com.kapta.mailchimp.importing.ImportStage.Staged;
import com.kapta.mailchimp.mailchimp.BatchSubscribeResult;
import com.kapta.mailchimp.mailchimp.BulkCalls;
import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.NewMember;
import com.kapta.mailchimp.mailchimp.OwnMembers;
import com.kapta.mailchimp.mailchimp.SubscribeAnswer;

/**
 * Adds the staged rows' contacts that are not on the audience: batch subscribes
 * ({@code update_existing=false}) of up to 500, a chunk's side by side within Mailchimp's
 * connection limit. Members that exist are left as they are. Then Kapta's side, in the
 * chunk's transaction: the contacts Kapta did not know (with the row's names) and the
 * memberships. An address Mailchimp refuses is a rejected row: remembered as one it will
 * not subscribe, and none of its tag changes is sent or made.
 */
class ImportSubscriber implements ItemWriter<Staged>, ItemStream {

	private final MailchimpClient client;

	private final ImportRun run;

	private final OwnMembers ownMembers;

	private final ChunkLedger.Books books;

	private final ContactRepository contacts;

	private final ImportStage stage;

	private final RunOutcomes outcomes;

	private final BulkCalls calls;

	/**
	 * @param ownMembers tells the members this run created, for chunks that may have
	 * reached Mailchimp before (the first after a restart, one whose answer was lost)
	 */
	ImportSubscriber(MailchimpClient client, ImportRun run, int maxConnections, OwnMembers ownMembers,
			ChunkLedger.Books books, ContactRepository contacts, ImportStage stage, RunOutcomes outcomes) {
		this.client = client;
		this.run = run;
		this.ownMembers = ownMembers;
		this.books = books;
		this.contacts = contacts;
		this.stage = stage;
		this.outcomes = outcomes;
		this.calls = new BulkCalls(maxConnections);
	}

	@Override
	public void write(Chunk<? extends Staged> chunk) {
		ChunkLedger ledger = this.books.open();
		List<Staged> rows = new ArrayList<>(chunk.getItems());
		List<NewMember> newMembers = rows.stream()
			.map((row) -> new NewMember(row.email(), this.run.newMemberStatus(), row.firstName(), row.lastName(),
					this.run.signupStamp()))
			.toList();
		List<BatchSubscribeResult> results = this.calls.sideBySide(BulkCalls.batches(newMembers),
				(batch) -> this.client.batchSubscribe(this.run.audienceId(), batch, false));
		SubscribeAnswer<Staged> answer = SubscribeAnswer.of(rows, Staged::email, results);
		// if these calls may have been applied before, members that exist may be ours:
		// the stamp tells
		Map<Staged, String> ours = this.ownMembers.among(answer, Staged::email, results);

		List<Membership> joined = new ArrayList<>();
		answer.created()
			.forEach((member) -> joined.add(new Membership(0, member.item().email(), member.status(), true)));
		answer.existing()
			.forEach((row) -> joined.add(new Membership(0, row.email(), ours.get(row), ours.containsKey(row))));
		List<String> rejected = new ArrayList<>();
		for (SubscribeAnswer.Refused<Staged> refusal : answer.refused()) {
			ledger.remember(DoNotSubscribe.Entry.refusal(refusal.item().email(), refusal.error()));
			ledger
				.outcome(ImportOutcome.REJECTED.of(refusal.item().email(), refusal.item().sheetRow(), refusal.error()));
			rejected.add(refusal.item().email());
		}
		// an address Mailchimp did not mention is not a member: its tags cannot go there
		// (nor is it remembered)
		for (Staged row : answer.unmentioned()) {
			ledger.outcome(
					ImportOutcome.REJECTED.of(row.email(), row.sheetRow(), "Mailchimp did not report on this address"));
			rejected.add(row.email());
		}
		int created = answer.created().size() + ours.size();
		if (created > 0) {
			ledger.outcome(Outcome.count("contacts", ImportOutcome.ADDED_TO_MAILCHIMP, created));
		}
		this.run.enforceSkipLimit(this.outcomes, ledger);

		// the contacts first: memberships need their ids
		Map<String, Long> ids = new HashMap<>(
				this.contacts.idsByEmail(joined.stream().map(Membership::email).toList()));
		Map<String, Staged> byEmail = new HashMap<>();
		rows.forEach((row) -> byEmail.put(EmailKey.of(row.email()), row));
		ImportRun.createContacts(this.contacts, joined.stream().map((m) -> {
			Staged row = byEmail.get(EmailKey.of(m.email()));
			return new NewContact(row.email(), row.firstName(), row.lastName(), List.of());
		}).toList(), ids, ledger);
		joined.forEach((m) -> ledger
			.member(new Membership(ids.get(EmailKey.of(m.email())), m.email(), m.status(), m.addedByKapta())));
		if (!rejected.isEmpty()) {
			this.stage.reject(this.run.jobInstanceId(), rejected);
		}
		ledger.apply(0);
	}

	@Override
	public void close() {
		this.calls.close();
	}

}
