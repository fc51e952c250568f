package com.kapta.mailchimp.tagdownload;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.kapta.mailchimp.batch.ChunkLedger;
import com.kapta.mailchimp.batch.RunOutcomes.Outcome;

/**
 * Gives a contact exactly the tags its member has, as both readings do: the missing ones
 * added, the extra ones removed, compared ignoring case, each counted per tag and the
 * contact listed in the report.
 */
final class TagDifference {

	private TagDifference() {
	}

	/** Notes in the ledger what the contact's tags become; nothing if they agree. */
	static void give(ChunkLedger ledger, long contactId, String email, Collection<String> wanted,
			Collection<String> have) {
		Set<String> want = names(wanted);
		Set<String> has = names(have);
		List<String> toAdd = want.stream().filter((tag) -> !has.contains(tag)).toList();
		List<String> toRemove = has.stream().filter((tag) -> !want.contains(tag)).toList();
		if (toAdd.isEmpty() && toRemove.isEmpty()) {
			return;
		}
		for (String tag : toAdd) {
			ledger.tag(contactId, tag, true);
			ledger.tally(DownloadOutcome.TAG_ADDED, tag);
		}
		for (String tag : toRemove) {
			ledger.tag(contactId, tag, false);
			ledger.tally(DownloadOutcome.TAG_REMOVED, tag);
		}
		ledger.outcome(Outcome.of(email, DownloadOutcome.UPDATED,
				"added: " + describe(toAdd) + "; removed: " + describe(toRemove)));
	}

	private static Set<String> names(Collection<String> tags) {
		Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		names.addAll(tags);
		return names;
	}

	private static String describe(List<String> tags) {
		return tags.isEmpty() ? "-" : String.join(", ", tags);
	}

}
