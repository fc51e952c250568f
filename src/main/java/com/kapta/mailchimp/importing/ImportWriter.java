package com.kapta.mailchimp.importing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;

import com.kapta.mailchimp.EmailKey;
import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.audience.AudienceMembers;
import com.kapta.mailchimp.audience.AudienceMembers.Membership;
import com.kapta.mailchimp.audience.DoNotSubscribe;
import com.kapta.mailchimp.batch.ChunkLedger;
import com.kapta.mailchimp.batch.RunOutcomes;
import com.kapta.mailchimp.batch.RunOutcomes.Outcome;
import com.kapta.mailchimp.contact.ContactRepository;
import com.kapta.mailchimp.contact.EmailAddresses;
import com.kapta.mailchimp.contact.NewContact;
import com.kapta.mailchimp.importing.ImportTagChanges.Change;
import com.kapta.mailchimp.mailchimp.BatchSubscribeResult;
import com.kapta.mailchimp.mailchimp.BulkCalls;
import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.NewMember;
import com.kapta.mailchimp.mailchimp.OwnMembers;
import com.kapta.mailchimp.mailchimp.SubscribeAnswer;

/**
 * Applies one chunk of sheet rows in bulk: batch subscribes
 * ({@code update_existing=false}) of up to 500 for the rows whose contact is not a member
 * yet, then the rows' tag changes ({@link ImportTagChanges}: per tag, calls of up to 500
 * additions and 500 removals); the calls of each phase go side by side within Mailchimp's
 * connection limit (a chunk holds ten calls' worth of rows, so the connections stay
 * busy). Only then Kapta's side, in the chunk's transaction: new contacts, memberships,
 * the do-not-subscribe memory, tag changes and the outcomes for the report. A row whose
 * tags are already as asked causes no call. A dry run plans the same and sends and
 * changes nothing.
 */
class ImportWriter implements ItemWriter<ImportRow>, ItemStream {

	/** What a chunk reads and writes besides its ledger. */
	record Stores(ContactRepository contacts, AudienceMembers members, DoNotSubscribe doNotSubscribe,
			ImportedEmails emails, RunOutcomes outcomes) {
	}

	/**
	 * How the run goes: its audience and tags, the status and sign-up stamp of new
	 * members, dry or not, the skip limit.
	 */
	record Run(long jobInstanceId, String audienceId, Map<String, Long> audienceTags, String newMemberStatus,
			String signupStamp, boolean dryRun, int skipLimit) {
	}

	private final MailchimpClient client;

	private final Run run;

	private final ImportTagChanges tagChanges;

	private final Stores stores;

	private final ChunkLedger.Books books;

	private final BulkCalls calls;

	private final OwnMembers ownMembers;

	/**
	 * @param ownMembers tells the members this run created, for chunks that may have
	 * reached Mailchimp before (the first after a restart, one whose answer was lost)
	 */
	ImportWriter(MailchimpClient client, Run run, int maxConnections, OwnMembers ownMembers, ChunkLedger.Books books,
			Stores stores) {
		this.client = client;
		this.run = run;
		this.ownMembers = ownMembers;
		this.books = books;
		this.stores = stores;
		this.calls = new BulkCalls(maxConnections);
		this.tagChanges = new ImportTagChanges(client, run.audienceId(), run.audienceTags(), this.calls);
	}

	@Override
	public void write(Chunk<? extends ImportRow> chunk) {
		ChunkLedger ledger = this.books.open();
		ledger.outcome(Outcome.count("rows", ImportOutcome.ROWS_READ, chunk.size()));
		Map<String, ImportRow> rows = accept(chunk, ledger);
		enforceSkipLimit(ledger);

		Map<String, Long> ids = new HashMap<>(this.stores.contacts().idsByEmail(rows.keySet()));
		Set<Long> members = this.stores.members().membersAmong(this.run.audienceId(), ids.values());
		Map<String, DoNotSubscribe.Reason> refused = this.stores.doNotSubscribe()
			.reasonsOf(this.run.audienceId(), rows.keySet());
		Map<Long, List<String>> kaptaTags = this.stores.contacts().tagsOf(ids.values());

		Set<String> onMailchimp = new TreeSet<>();
		List<ImportRow> toSubscribe = new ArrayList<>();
		rows.forEach((email, row) -> {
			Long id = ids.get(email);
			if (id != null && members.contains(id)) {
				onMailchimp.add(email);
			}
			else if (!refused.containsKey(email)) {
				toSubscribe.add(row);
			}
		});
		List<Membership> memberships = new ArrayList<>();
		Set<String> notAdded = subscribe(toSubscribe, onMailchimp, memberships, ledger);
		rows.keySet().removeAll(notAdded);

		List<Change> changes = this.tagChanges.asked(rows.values(), ids, kaptaTags);
		List<Change> applied = this.run.dryRun() ? changes : this.tagChanges.send(changes, onMailchimp, ledger);
		Set<ImportRow> changed = Collections.newSetFromMap(new IdentityHashMap<>());
		changes.forEach((change) -> changed.add(change.row()));
		rows.forEach((email, row) -> {
			if (!onMailchimp.contains(email) && changed.contains(row)) {
				ledger.outcome(ImportOutcome.NOT_SUBSCRIBED.of(row, "Mailchimp will not subscribe this address ("
						+ refused.get(email).name().toLowerCase(Locale.ROOT) + "); its tags changed in Kapta only"));
			}
		});
		enforceSkipLimit(ledger);

		if (!this.run.dryRun()) {
			// the contacts first: memberships and tags need their ids
			createContacts(rows, ids, ledger);
			memberships.forEach((m) -> ledger
				.member(new Membership(ids.get(EmailKey.of(m.email())), m.email(), m.status(), m.addedByKapta())));
			ImportTagChanges.applyInKapta(applied, ids, ledger);
		}
		else {
			long created = rows.keySet().stream().filter((email) -> !ids.containsKey(email)).count();
			ledger.outcome(Outcome.count("contacts", ImportOutcome.CREATED_IN_KAPTA, (int) created));
		}
		ImportTagChanges.totals(applied, ledger);
		ledger.apply(chunk.size());
	}

	/**
	 * The chunk's rows with a valid email that no earlier row had, by {@link EmailKey};
	 * the others are skipped. Every row taken is remembered for the rest of the run.
	 */
	private Map<String, ImportRow> accept(Chunk<? extends ImportRow> chunk, ChunkLedger ledger) {
		Map<String, ImportRow> rows = new LinkedHashMap<>();
		for (ImportRow row : chunk) {
			try {
				String email = EmailAddresses.requireValid(row.email());
				NewContact.requireNamesFit(row.firstName(), row.lastName());
				ImportRow first = rows.putIfAbsent(EmailKey.of(email), row);
				if (first != null) {
					ledger.outcome(repeated(row, first.sheetRow()));
				}
			}
			catch (InvalidInputException ex) {
				ledger.outcome(ImportOutcome.SKIPPED.of(row, ex.getMessage()));
			}
		}
		this.stores.emails().firstRows(this.run.jobInstanceId(), rows.keySet()).forEach((email, firstRow) -> {
			ledger.outcome(repeated(rows.remove(email), firstRow));
		});
		this.stores.emails()
			.record(this.run.jobInstanceId(),
					rows.values()
						.stream()
						.map((row) -> new ImportedEmails.Taken(row.email(), row.sheetRow()))
						.toList());
		return rows;
	}

	private static Outcome repeated(ImportRow row, int firstRow) {
		return ImportOutcome.SKIPPED.of(row, "The email appears again: row " + firstRow + " has it already");
	}

	/**
	 * Adds the rows' contacts to the audience in one call (a dry run assumes they would
	 * join). Members that exist are left as they are; addresses Mailchimp refuses are
	 * rejected rows, returned (by {@link EmailKey}) so that nothing else of them is
	 * applied.
	 */
	private Set<String> subscribe(List<ImportRow> toSubscribe, Set<String> onMailchimp, List<Membership> memberships,
			ChunkLedger ledger) {
		if (toSubscribe.isEmpty()) {
			return Set.of();
		}
		if (this.run.dryRun()) {
			toSubscribe.forEach((row) -> onMailchimp.add(EmailKey.of(row.email())));
			ledger.outcome(Outcome.count("contacts", ImportOutcome.ADDED_TO_MAILCHIMP, toSubscribe.size()));
			return Set.of();
		}
		List<NewMember> newMembers = toSubscribe.stream()
			.map((row) -> new NewMember(row.email(), this.run.newMemberStatus(), row.firstName(), row.lastName(),
					this.run.signupStamp()))
			.toList();
		List<BatchSubscribeResult> results = this.calls.sideBySide(BulkCalls.batches(newMembers),
				(batch) -> this.client.batchSubscribe(this.run.audienceId(), batch, false));
		SubscribeAnswer<ImportRow> answer = SubscribeAnswer.of(toSubscribe, ImportRow::email, results);
		// if these calls may have been applied before, members that exist may be ours:
		// the stamp tells
		Map<ImportRow, String> ours = this.ownMembers.among(answer, ImportRow::email, results);
		int created = answer.created().size() + ours.size();
		for (SubscribeAnswer.Created<ImportRow> member : answer.created()) {
			onMailchimp.add(EmailKey.of(member.item().email()));
			memberships.add(new Membership(0, member.item().email(), member.status(), true));
		}
		for (ImportRow row : answer.existing()) {
			onMailchimp.add(EmailKey.of(row.email()));
			memberships.add(new Membership(0, row.email(), ours.get(row), ours.containsKey(row)));
		}
		Set<String> notAdded = new HashSet<>();
		for (SubscribeAnswer.Refused<ImportRow> refusal : answer.refused()) {
			ledger.remember(DoNotSubscribe.Entry.refusal(refusal.item().email(), refusal.error()));
			ledger.outcome(ImportOutcome.REJECTED.of(refusal.item(), refusal.error()));
			notAdded.add(EmailKey.of(refusal.item().email()));
		}
		// an address Mailchimp did not mention is not a member: its tags cannot go there
		// (nor is it remembered)
		for (ImportRow row : answer.unmentioned()) {
			ledger.outcome(ImportOutcome.REJECTED.of(row, "Mailchimp did not report on this address"));
			notAdded.add(EmailKey.of(row.email()));
		}
		if (created > 0) {
			ledger.outcome(Outcome.count("contacts", ImportOutcome.ADDED_TO_MAILCHIMP, created));
		}
		return notAdded;
	}

	/**
	 * Creates the rows' contacts that Kapta does not know, with the row's names, and
	 * learns their ids.
	 */
	private void createContacts(Map<String, ImportRow> rows, Map<String, Long> ids, ChunkLedger ledger) {
		List<NewContact> created = rows.entrySet()
			.stream()
			.filter((entry) -> !ids.containsKey(entry.getKey()))
			.map((entry) -> new NewContact(entry.getValue().email(), entry.getValue().firstName(),
					entry.getValue().lastName(), List.of()))
			.toList();
		if (created.isEmpty()) {
			return;
		}
		this.stores.contacts().insertAll(created);
		ids.putAll(this.stores.contacts().idsByEmail(created.stream().map(NewContact::email).toList()));
		ledger.outcome(Outcome.count("contacts", ImportOutcome.CREATED_IN_KAPTA, created.size()));
	}

	/**
	 * Fails the run once its skipped and rejected rows, this chunk's included, pass the
	 * limit.
	 */
	private void enforceSkipLimit(ChunkLedger ledger) {
		long skipped = this.stores.outcomes().count(this.run.jobInstanceId(), ImportOutcome.SKIPS)
				+ ledger.count(ImportOutcome.SKIPS);
		if (skipped > this.run.skipLimit()) {
			throw new SkipLimitExceededException(skipped, this.run.skipLimit());
		}
	}

	@Override
	public void close() {
		this.calls.close();
	}

}
