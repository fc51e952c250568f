package com.kapta.mailchimp.contact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.kapta.mailchimp.contact.Outbox.Change;
import com.kapta.mailchimp.contact.Outbox.Entry;
import com.kapta.mailchimp.settings.SettingsService;

/**
 * Queues Kapta's contact changes for Mailchimp, in the transaction of the change, while
 * the integration is on (the push sends them). While it is off nothing is queued: the
 * upload covers the contacts added meanwhile.
 */
@Component
class ChangeQueue {

	private final Outbox outbox;

	private final SettingsService settings;

	ChangeQueue(Outbox outbox, SettingsService settings) {
		this.outbox = outbox;
		this.settings = settings;
	}

	/**
	 * New contacts (joining the audience) and the tags they were created with, by contact
	 * id.
	 */
	void contactsAdded(Map<Long, List<String>> tagsById) {
		List<Entry> entries = new ArrayList<>();
		tagsById.forEach((id, tags) -> {
			entries.add(new Entry(id, Change.CONTACT_ADDED, null));
			tags.forEach((tag) -> entries.add(new Entry(id, Change.TAG_ADDED, tag)));
		});
		queue(entries);
	}

	void tagsChanged(long contactId, List<String> added, List<String> removed) {
		List<Entry> entries = new ArrayList<>();
		added.forEach((tag) -> entries.add(new Entry(contactId, Change.TAG_ADDED, tag)));
		removed.forEach((tag) -> entries.add(new Entry(contactId, Change.TAG_REMOVED, tag)));
		queue(entries);
	}

	private void queue(List<Entry> entries) {
		if (!entries.isEmpty() && this.settings.current().enabled()) {
			this.outbox.queue(entries);
		}
	}

}
