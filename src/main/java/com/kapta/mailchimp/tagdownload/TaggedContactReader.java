package com.kapta.mailchimp.tagdownload;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import com.kapta.mailchimp.contact.ContactRepository;

/**
 * Tag by tag, the contacts whose Kapta tags differ from what the tags' lists hold, by id:
 * the lists' rows and Kapta's tags read side by side down their keys, a few thousand rows
 * at a time, and compared in memory (a contact's rows are compared only when both sides
 * have all of them). Most contacts' tags agree: only the others go to the writer, which
 * compares them again as it changes them. The step's context keeps the last id committed,
 * so a restart reads on from there. A full scan has none.
 */
class TaggedContactReader implements ItemStreamReader<Long> {

	private static final String AFTER = "tagged.after";

	/** Rows read at a time from each side. */
	private static final int ROWS = 5000;

	private final TagMembers tagMembers;

	private final ContactRepository contacts;

	private final long run;

	private final boolean tagByTag;

	/** The audience's tags, by id. */
	private final Map<Long, String> tagNames;

	private final Deque<Long> page = new ArrayDeque<>();

	/** The last contact compared. */
	private long after;

	private long returned;

	private boolean exhausted;

	TaggedContactReader(TagMembers tagMembers, ContactRepository contacts, long run, DownloadPlan plan,
			Map<Long, String> tagNames) {
		this.tagMembers = tagMembers;
		this.contacts = contacts;
		this.run = run;
		this.tagByTag = plan.kind() == DownloadPlan.Kind.TAG_BY_TAG;
		this.tagNames = tagNames;
	}

	@Override
	public void open(ExecutionContext context) {
		this.after = context.getLong(AFTER, 0L);
		this.returned = this.after;
		this.exhausted = !this.tagByTag;
	}

	@Override
	public @Nullable Long read() {
		int rows = ROWS;
		while (this.page.isEmpty() && !this.exhausted) {
			List<TagMembers.Listed> listed = this.tagMembers.listedAfter(this.run, this.after, rows);
			List<ContactRepository.TagRow> kapta = this.contacts.tagRowsAfter(this.after, rows);
			// the rows of the last contact of a full read may go on in the next one
			long bound = Long.MAX_VALUE;
			if (listed.size() == rows) {
				bound = listed.get(rows - 1).contactId();
			}
			if (kapta.size() == rows) {
				bound = Math.min(bound, kapta.get(rows - 1).contactId());
			}
			Map<Long, Set<String>> wanted = new TreeMap<>();
			for (TagMembers.Listed row : listed) {
				String name = this.tagNames.get(row.tagId());
				if (row.contactId() < bound && name != null) {
					wanted.computeIfAbsent(row.contactId(), (id) -> names()).add(name);
				}
			}
			Map<Long, Set<String>> have = new TreeMap<>();
			for (ContactRepository.TagRow row : kapta) {
				if (row.contactId() < bound) {
					have.computeIfAbsent(row.contactId(), (id) -> names()).add(row.tag());
				}
			}
			Set<Long> differing = new TreeSet<>();
			wanted.forEach((id, tags) -> {
				if (!tags.equals(have.getOrDefault(id, Set.of()))) {
					differing.add(id);
				}
			});
			have.keySet().stream().filter((id) -> !wanted.containsKey(id)).forEach(differing::add);
			this.page.addAll(differing);
			if (bound == Long.MAX_VALUE) {
				this.exhausted = true;
			}
			else if (bound - 1 > this.after) {
				this.after = bound - 1;
			}
			else {
				// one contact's rows fill a whole read: read more at once
				rows *= 2;
			}
		}
		Long id = this.page.poll();
		if (id != null) {
			this.returned = id;
		}
		return id;
	}

	private static Set<String> names() {
		return new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
	}

	@Override
	public void update(ExecutionContext context) {
		// the last contact handed on; a page read but not yet handed on is read again
		context.putLong(AFTER, this.returned);
	}

}
