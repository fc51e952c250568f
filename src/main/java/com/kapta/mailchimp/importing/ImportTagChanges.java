package com.kapta.mailchimp.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.kapta.mailchimp.EmailKey;
import com.kapta.mailchimp.batch.ChunkLedger;
import com.kapta.mailchimp.mailchimp.BulkCalls;
import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.TagCall;

/**
 * The tag half of an import chunk: which changes the rows' Y and N cells ask for, sending
 * those of members to Mailchimp (per tag, calls of up to 500 additions and 500 removals,
 * side by side), and what of them to write in Kapta and count in the report.
 */
class ImportTagChanges {

	/** One tag change a row asks for; {@code tag} is the audience's spelling. */
	record Change(ImportRow row, String tag, boolean add) implements TagCall.Change {

		@Override
		public String email() {
			return this.row.email();
		}

	}

	/** An audience tag: {@code name} is the audience's spelling. */
	private record Tag(String name, long id) {
	}

	private final MailchimpClient client;

	private final String audienceId;

	/** The audience's tags by name, ignoring case. */
	private final Map<String, Tag> tags = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

	/** Their ids by name, ignoring case. */
	private final Map<String, Long> tagIds = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

	private final BulkCalls calls;

	ImportTagChanges(MailchimpClient client, String audienceId, Map<String, Long> audienceTags, BulkCalls calls) {
		this.client = client;
		this.audienceId = audienceId;
		audienceTags.forEach((name, id) -> this.tags.put(name, new Tag(name, id)));
		this.tagIds.putAll(audienceTags);
		this.calls = calls;
	}

	/**
	 * The changes the rows ask for that Kapta's tags do not have yet: Y adds, N removes,
	 * other values leave the tag as it is, and a column the audience does not define is
	 * ignored (the report names it).
	 * @param ids Kapta's contact of each row, by {@link EmailKey} (absent: a contact
	 * still to create)
	 * @param kaptaTags the tags of those contacts
	 */
	List<Change> asked(Iterable<ImportRow> rows, Map<String, Long> ids, Map<Long, List<String>> kaptaTags) {
		List<Change> changes = new ArrayList<>();
		for (ImportRow row : rows) {
			Long id = ids.get(EmailKey.of(row.email()));
			Set<String> have = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
			have.addAll((id == null) ? List.of() : kaptaTags.getOrDefault(id, List.of()));
			row.tagCells().forEach((header, value) -> {
				Tag tag = this.tags.get(header);
				if (tag == null) {
					return;
				}
				if (value.equalsIgnoreCase("Y") && !have.contains(tag.name())) {
					changes.add(new Change(row, tag.name(), true));
				}
				else if (value.equalsIgnoreCase("N") && have.contains(tag.name())) {
					changes.add(new Change(row, tag.name(), false));
				}
			});
		}
		return changes;
	}

	/**
	 * Sends the changes of members ({@code onMailchimp}, by {@link EmailKey}); returns
	 * the changes to make in Kapta: those Mailchimp accepted and those of addresses that
	 * are not members (Kapta only). A change Mailchimp refused is a rejected row.
	 */
	List<Change> send(List<Change> changes, Set<String> onMailchimp, ChunkLedger ledger) {
		List<Change> ofMembers = changes.stream()
			.filter((change) -> onMailchimp.contains(EmailKey.of(change.row().email())))
			.toList();
		Map<Change, String> refused = TagCall.send(this.client, this.audienceId, this.tagIds, this.calls, ofMembers);
		refused.forEach((change, error) -> ledger
			.outcome(ImportOutcome.REJECTED.of(change.row(), "tag " + change.tag() + ": " + error)));
		return changes.stream().filter((change) -> !refused.containsKey(change)).toList();
	}

	/**
	 * Makes these changes to Kapta's tags ({@code ids}: every row's contact, by
	 * {@link EmailKey}).
	 */
	static void applyInKapta(List<Change> applied, Map<String, Long> ids, ChunkLedger ledger) {
		applied.forEach((change) -> ledger.tag(ids.get(EmailKey.of(change.row().email())), change.tag(), change.add()));
	}

	/** A total per tag of the additions and of the removals, for the report. */
	static void totals(List<Change> applied, ChunkLedger ledger) {
		applied.forEach((change) -> ledger.tally(change.add() ? ImportOutcome.TAG_ADDED : ImportOutcome.TAG_REMOVED,
				change.tag()));
	}

}
