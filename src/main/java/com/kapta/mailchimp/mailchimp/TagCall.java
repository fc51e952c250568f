package com.kapta.mailchimp.mailchimp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One {@code members_to_add} / {@code members_to_remove} call of a tag: at most 500 of
 * each, so a tag's changes go in as few calls as the larger side needs.
 *
 * @param <T> what the job changes for each address
 */
public record TagCall<T>(String tag, List<T> add, List<T> remove) {

	/** One address's change of one tag, as a job asks for it. */
	public interface Change {

		/** The tag, as the audience spells it. */
		String tag();

		/** Whether the address gets the tag (or loses it). */
		boolean add();

		String email();

	}

	/**
	 * Sends changes of the audience's tags: per tag (ignoring case), packed into calls of
	 * up to 500 additions and 500 removals, side by side on {@code calls}. Returns the
	 * changes Mailchimp refused, each with its words; the others were made.
	 * @param tagIds the audience's tag ids by name, ignoring case; every change's tag is
	 * among them
	 */
	public static <T extends Change> Map<T, String> send(MailchimpClient client, String listId,
			Map<String, Long> tagIds, BulkCalls calls, Collection<T> changes) {
		Map<String, List<T>> byTag = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		changes.forEach((change) -> byTag.computeIfAbsent(change.tag(), (t) -> new ArrayList<>()).add(change));
		List<TagCall<T>> packed = new ArrayList<>();
		byTag.forEach((tag, tagChanges) -> packed.addAll(pack(tag, tagChanges.stream().filter(Change::add).toList(),
				tagChanges.stream().filter((change) -> !change.add()).toList())));
		List<SegmentUpdateResult> results = calls.sideBySide(packed, (call) -> client.updateTagMembers(listId,
				tagIds.get(call.tag()), emails(call.add()), emails(call.remove())));
		Map<T, String> refused = new LinkedHashMap<>();
		for (int i = 0; i < packed.size(); i++) {
			TagCall<T> call = packed.get(i);
			Map<String, String> errors = results.get(i).errorsByEmail();
			Stream.concat(call.add().stream(), call.remove().stream())
				.filter((change) -> errors.containsKey(change.email()))
				.forEach((change) -> refused.put(change, errors.get(change.email())));
		}
		return refused;
	}

	private static List<String> emails(List<? extends Change> changes) {
		return changes.stream().map(Change::email).toList();
	}

	/** The calls that carry these additions and removals of the tag. */
	public static <T> List<TagCall<T>> pack(String tag, List<T> add, List<T> remove) {
		List<List<T>> adds = BulkCalls.batches(add);
		List<List<T>> removes = BulkCalls.batches(remove);
		List<TagCall<T>> calls = new ArrayList<>();
		for (int i = 0; i < Math.max(adds.size(), removes.size()); i++) {
			calls.add(new TagCall<>(tag, (i < adds.size()) ? adds.get(i) : List.of(),
					(i < removes.size()) ? removes.get(i) : List.of()));
		}
		return calls;
	}

}
