package com.kapta.mailchimp.push;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.kapta.mailchimp.contact.Outbox.Change;
import com.kapta.mailchimp.contact.Outbox.Pending;
import com.kapta.mailchimp.mailchimp.TagCall;

/**
 * One coalesced tag change of a contact, and the waiting changes it stands for.
 *
 * @param changeIds the outbox entries this change settles once it is sent
 */
record TagChange(PendingContact contact, String tag, boolean add, List<Long> changeIds) implements TagCall.Change {

	/**
	 * A contact's tag changes to send, and the outbox entries settled without a call.
	 *
	 * @param changes one per tag whose first and last changes agree
	 * @param settled the entries of tags that are back where they were
	 * @param cancelled how many tags those are
	 */
	record Coalesced(List<TagChange> changes, List<Long> settled, int cancelled) {
	}

	@Override
	public String email() {
		return this.contact.email();
	}

	/**
	 * A contact's tag changes, per tag (ignoring case): the last one wins, and a tag
	 * whose first and last changes differ (added then removed, or removed then added) is
	 * where it was: nothing to send. The contact's own arrival is not a tag change.
	 */
	static Coalesced coalesce(PendingContact contact) {
		Map<String, List<Pending>> byTag = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		contact.changes()
			.stream()
			.filter((change) -> change.change() != Change.CONTACT_ADDED)
			.forEach((change) -> byTag.computeIfAbsent(change.tag(), (t) -> new ArrayList<>()).add(change));
		List<TagChange> changes = new ArrayList<>();
		List<Long> settled = new ArrayList<>();
		int cancelled = 0;
		for (List<Pending> tagChanges : byTag.values()) {
			Pending first = tagChanges.get(0);
			Pending last = tagChanges.get(tagChanges.size() - 1);
			List<Long> ids = tagChanges.stream().map(Pending::id).toList();
			if (first.change() != last.change()) {
				settled.addAll(ids);
				cancelled++;
			}
			else {
				changes.add(new TagChange(contact, last.tag(), last.change() == Change.TAG_ADDED, ids));
			}
		}
		return new Coalesced(changes, settled, cancelled);
	}

}
