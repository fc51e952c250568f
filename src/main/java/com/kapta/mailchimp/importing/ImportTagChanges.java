package com.kapta.mailchimp.importing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.kapta.mailchimp.EmailKey;
import com.kapta.mailchimp.batch.RunOutcomes.Outcome;
import com.kapta.mailchimp.contact.ContactRepository;
import com.kapta.mailchimp.contact.ContactRepository.TagRow;
import com.kapta.mailchimp.mailchimp.BulkCalls;
import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.SegmentUpdateResult;
import com.kapta.mailchimp.mailchimp.TagCall;

/**
 * The tag half of an import chunk: which changes the rows' Y and N cells ask for, sending
 * those of members to Mailchimp (per tag, calls of up to 500 additions and 500 removals,
 * side by side), and what of them to write in Kapta and count in the report.
 */
class ImportTagChanges {

	/** One tag change a row asks for; {@code tag} is the audience's spelling. */
	record Change(ImportRow row, String tag, boolean add) {
	}

	/** An audience tag: {@code name} is the audience's spelling. */
	private record Tag(String name, long id) {
	}

	private final MailchimpClient client;

	private final String audienceId;

	/** The audience's tags by name, ignoring case. */
	private final Map<String, Tag> tags = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

	private final BulkCalls calls;

	ImportTagChanges(MailchimpClient client, String audienceId, Map<String, Long> audienceTags, BulkCalls calls) {
		this.client = client;
		this.audienceId = audienceId;
		audienceTags.forEach((name, id) -> this.tags.put(name, new Tag(name, id)));
		this.calls = calls;
	}

	/**
	 * The changes the rows ask for that Kapta's tags do not have yet: Y adds, N removes,
	 * other values leave the tag as it is, and a column the audience does not define is
	 * ignored (the report names it).
	 * @param ids Kapta's contact of each row, by lower-cased email (absent: a contact
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
	 * Sends the changes of members ({@code onMailchimp}, lower-cased emails); returns the
	 * changes to make in Kapta: those Mailchimp accepted and those of addresses that are
	 * not members (Kapta only). A change Mailchimp refused is a rejected row in the
	 * outcomes.
	 */
	List<Change> send(List<Change> changes, Set<String> onMailchimp, List<Outcome> outcomes) {
		Map<String, List<Change>> byTag = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		changes.stream()
			.filter((change) -> onMailchimp.contains(EmailKey.of(change.row().email())))
			.forEach((change) -> byTag.computeIfAbsent(change.tag(), (t) -> new ArrayList<>()).add(change));
		List<TagCall<Change>> calls = new ArrayList<>();
		byTag.forEach(
				(tag, tagChanges) -> calls.addAll(TagCall.pack(tag, tagChanges.stream().filter(Change::add).toList(),
						tagChanges.stream().filter((change) -> !change.add()).toList())));
		List<SegmentUpdateResult> results = this.calls.sideBySide(calls,
				(call) -> this.client.updateTagMembers(this.audienceId, this.tags.get(call.tag()).id(),
						emails(call.add()), emails(call.remove())));
		Set<Change> refused = new HashSet<>();
		for (int i = 0; i < calls.size(); i++) {
			TagCall<Change> call = calls.get(i);
			Map<String, String> errors = results.get(i).errorsByEmail();
			Stream.concat(call.add().stream(), call.remove().stream())
				.filter((change) -> errors.containsKey(change.row().email()))
				.forEach((change) -> {
					refused.add(change);
					outcomes.add(ImportOutcome.REJECTED.of(change.row(),
							"tag " + call.tag() + ": " + errors.get(change.row().email())));
				});
		}
		return changes.stream().filter((change) -> !refused.contains(change)).toList();
	}

	/**
	 * Makes these changes to Kapta's tags ({@code ids}: every row's contact, by
	 * lower-cased email).
	 */
	static void applyInKapta(List<Change> applied, Map<String, Long> ids, ContactRepository contacts) {
		List<TagRow> add = new ArrayList<>();
		List<TagRow> remove = new ArrayList<>();
		for (Change change : applied) {
			(change.add() ? add : remove).add(new TagRow(ids.get(EmailKey.of(change.row().email())), change.tag()));
		}
		contacts.changeTags(add, remove);
	}

	/** A total per tag of the additions and of the removals, for the report. */
	static void totals(List<Change> applied, List<Outcome> outcomes) {
		Map<String, Integer> added = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		Map<String, Integer> removed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		applied.forEach((change) -> (change.add() ? added : removed).merge(change.tag(), 1, Integer::sum));
		added.forEach((tag, n) -> outcomes.add(Outcome.count(tag, ImportOutcome.TAG_ADDED, n)));
		removed.forEach((tag, n) -> outcomes.add(Outcome.count(tag, ImportOutcome.TAG_REMOVED, n)));
	}

	private static List<String> emails(List<Change> changes) {
		return changes.stream().map((change) -> change.row().email()).toList();
	}

}
