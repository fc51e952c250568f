package com.kapta.mailchimp.importing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import com.kapta.mailchimp.EmailKey;
import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.audience.DoNotSubscribe;
import com.kapta.mailchimp.batch.ChunkLedger;
import com.kapta.mailchimp.batch.RunOutcomes;
import com.kapta.mailchimp.batch.RunOutcomes.Outcome;
import com.kapta.mailchimp.contact.ContactRepository;
import com.kapta.mailchimp.contact.EmailAddresses;
import com.kapta.mailchimp.contact.NewContact;
import com.kapta.mailchimp.importing.ImportStage.Asked;
import com.kapta.mailchimp.importing.ImportStage.Staged;
import com.kapta.mailchimp.importing.ImportTagChanges.Change;
import com.kapta.mailchimp.workbook.SheetRow;

/**
 * Stages one chunk of sheet rows, sending nothing: skips the rows without a valid email
 * and those whose email an earlier row had (the first row wins), then plans the others
 * against what Kapta knows. A contact on the audience keeps its membership; one that is
 * not joins it in the subscribe step; one Mailchimp will not subscribe has its tag
 * changes made in Kapta only, here. The tag changes of the others are staged for the tag
 * step. A dry run plans the same and counts what would happen instead.
 */
class ImportStager implements ItemWriter<SheetRow> {

	/** What a chunk reads and writes besides its ledger. */
	record Stores(ContactRepository contacts, DoNotSubscribe doNotSubscribe, ImportStage stage, RunOutcomes outcomes) {
	}

	private final ImportRun run;

	private final ImportTagChanges tagChanges;

	private final Stores stores;

	private final ChunkLedger.Books books;

	private final TakenEmails taken;

	ImportStager(ImportRun run, ChunkLedger.Books books, Stores stores, TakenEmails taken) {
		this.run = run;
		this.books = books;
		this.stores = stores;
		this.tagChanges = new ImportTagChanges(run.audienceTags().keySet());
		this.taken = taken;
	}

	@Override
	public void write(Chunk<? extends SheetRow> chunk) {
		ChunkLedger ledger = this.books.open();
		ledger.outcome(Outcome.count("rows", ImportOutcome.ROWS_READ, chunk.size()));
		Map<String, SheetRow> rows = accept(chunk, ledger);
		this.run.enforceSkipLimit(this.stores.outcomes(), ledger);

		Map<String, Long> ids = new HashMap<>();
		Set<Long> members = new HashSet<>();
		this.stores.stage().contactsOf(this.run.audienceId(), rows.keySet(), ids, members);
		Map<String, DoNotSubscribe.Reason> refused = this.stores.doNotSubscribe()
			.reasonsOf(this.run.audienceId(), rows.keySet());
		List<Change> changes = this.tagChanges.asked(rows.values(), ids, this.stores.contacts().tagsOf(ids.values()));

		// a row's contact is a member, joins the audience in the subscribe step, or is
		// one
		// Mailchimp will not subscribe: its changes are made in Kapta only, here
		Map<String, SheetRow> kaptaOnly = new LinkedHashMap<>();
		List<Staged> staged = new ArrayList<>();
		int joining = 0;
		for (Map.Entry<String, SheetRow> entry : rows.entrySet()) {
			SheetRow row = entry.getValue();
			Long id = ids.get(entry.getKey());
			boolean member = id != null && members.contains(id);
			boolean joins = !member && !refused.containsKey(entry.getKey());
			if (!member && !joins) {
				kaptaOnly.put(entry.getKey(), row);
			}
			joining += joins ? 1 : 0;
			// a dry run subscribes no one; the names go with a row to subscribe
			boolean subscribe = joins && !this.run.dryRun();
			staged.add(new Staged(row.email(), row.sheetRow(), subscribe ? row.firstName() : null,
					subscribe ? row.lastName() : null, subscribe));
		}
		if (this.run.dryRun()) {
			if (joining > 0) {
				ledger.outcome(Outcome.count("contacts", ImportOutcome.ADDED_TO_MAILCHIMP, joining));
			}
			long created = rows.keySet().stream().filter((email) -> !ids.containsKey(email)).count();
			ledger.outcome(Outcome.count("contacts", ImportOutcome.CREATED_IN_KAPTA, (int) created));
		}
		else {
			ImportRun.createContacts(this.stores.contacts(),
					kaptaOnly.values()
						.stream()
						.map((row) -> new NewContact(row.email(), row.firstName(), row.lastName(), List.of()))
						.toList(),
					ids, ledger);
		}

		List<Asked> asked = new ArrayList<>();
		Set<SheetRow> notSubscribed = new LinkedHashSet<>();
		for (Change change : changes) {
			String email = EmailKey.of(change.row().email());
			boolean inKaptaOnly = kaptaOnly.containsKey(email);
			if (inKaptaOnly) {
				notSubscribed.add(change.row());
			}
			if (inKaptaOnly || this.run.dryRun()) {
				ledger.tally(change.add() ? ImportOutcome.TAG_ADDED : ImportOutcome.TAG_REMOVED, change.tag());
			}
			if (this.run.dryRun()) {
				continue;
			}
			if (inKaptaOnly) {
				ledger.tag(ids.get(email), change.tag(), change.add());
			}
			else {
				// sent, then made in Kapta, by the tag step
				asked.add(new Asked(change.row().email(), change.tag(), change.add()));
			}
		}
		notSubscribed.forEach((row) -> ledger.outcome(ImportOutcome.NOT_SUBSCRIBED.of(row,
				"Mailchimp will not subscribe this address ("
						+ refused.get(EmailKey.of(row.email())).name().toLowerCase(Locale.ROOT)
						+ "); its tags changed in Kapta only")));
		if (!this.run.dryRun()) {
			// a dry run stages nothing to send; its taken emails are its own (SeenEmails)
			this.stores.stage().stage(this.run.jobInstanceId(), staged, asked);
		}
		ledger.apply(chunk.size());
	}

	/**
	 * The chunk's rows with a valid email that no earlier row had, by {@link EmailKey};
	 * the others are skipped.
	 */
	private Map<String, SheetRow> accept(Chunk<? extends SheetRow> chunk, ChunkLedger ledger) {
		Map<String, SheetRow> rows = new LinkedHashMap<>();
		for (SheetRow row : chunk) {
			try {
				SheetRow first = rows.putIfAbsent(keyOf(row), row);
				if (first != null) {
					ledger.outcome(repeated(row, first.sheetRow()));
				}
			}
			catch (InvalidInputException ex) {
				ledger.outcome(ImportOutcome.SKIPPED.of(row, ex.getMessage()));
			}
		}
		this.taken.firstRows(rows.keySet())
			.forEach((email, firstRow) -> ledger.outcome(repeated(rows.remove(email), firstRow)));
		Map<String, Integer> taken = new HashMap<>();
		rows.forEach((email, row) -> taken.put(email, row.sheetRow()));
		this.taken.take(taken);
		return rows;
	}

	/**
	 * The row's email as the import keys it, if the row is one it takes: a valid email
	 * and names that fit.
	 * @throws InvalidInputException why the row is skipped
	 */
	static String keyOf(SheetRow row) {
		String email = EmailAddresses.requireValid(row.email());
		NewContact.requireNamesFit(row.firstName(), row.lastName());
		return EmailKey.of(email);
	}

	private static Outcome repeated(SheetRow row, int firstRow) {
		return ImportOutcome.SKIPPED.of(row, "The email appears again: row " + firstRow + " has it already");
	}

}
