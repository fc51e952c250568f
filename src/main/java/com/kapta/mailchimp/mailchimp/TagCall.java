package com.kapta.mailchimp.mailchimp;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code members_to_add} / {@code members_to_remove} call of a tag: at most 500 of
 * each, so a tag's changes go in as few calls as the larger side needs.
 *
 * @param <T> what the job changes for each address
 */
public record TagCall<T>(String tag, List<T> add, List<T> remove) {

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
