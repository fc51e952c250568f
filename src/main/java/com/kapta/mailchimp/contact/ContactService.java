package com.kapta.mailchimp.contact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.Texts;
import com.kapta.mailchimp.audit.AuditEvent;
import com.kapta.mailchimp.audit.AuditTrail;
import com.kapta.mailchimp.settings.SettingsService;

/** Kapta's contact window: create a contact, change its tags, look contacts up. */
@Service
public class ContactService {

	/** Why a contact's page says a person changed it. */
	private static final String BY_HAND = "by hand";

	/** What a tag edit changed. */
	public record TagChange(Contact contact, List<String> added, List<String> removed) {
	}

	private final ContactRepository contacts;

	private final SettingsService settings;

	private final ChangeQueue changes;

	private final ContactHistory history;

	private final AuditTrail audit;

	ContactService(ContactRepository contacts, SettingsService settings, ChangeQueue changes, ContactHistory history,
			AuditTrail audit) {
		this.contacts = contacts;
		this.settings = settings;
		this.changes = changes;
		this.history = history;
		this.audit = audit;
	}

	/** Creates a contact; an email Kapta already has, in any letter case, is refused. */
	@Transactional
	public Contact add(String email, String firstName, String lastName, List<String> tags) {
		String valid = EmailAddresses.requireValid(email);
		NewContact.requireNamesFit(firstName, lastName);
		find(valid).ifPresent((existing) -> {
			throw new KaptaException("A contact with this email already exists: #" + existing.id() + " "
					+ existing.email() + "; use 'contacts tag' to change its tags");
		});
		long id = this.contacts.insert(
				new NewContact(valid, Texts.blankToNull(firstName), Texts.blankToNull(lastName), tags),
				ContactHistory.Source.person(), BY_HAND);
		this.changes.contactsAdded(Map.of(id, tags));
		this.audit.record(AuditEvent.CONTACT_ADDED, valid, tags.isEmpty() ? null : "tags: " + String.join(", ", tags));
		return require(valid);
	}

	/**
	 * Adds and removes tags of a contact; a tag both added and removed is refused as
	 * ambiguous.
	 */
	@Transactional
	public TagChange tag(String email, List<String> add, List<String> remove) {
		for (String tag : add) {
			if (remove.stream().anyMatch(tag::equalsIgnoreCase)) {
				throw new InvalidInputException("Tag " + tag + " is both added and removed; give it once");
			}
		}
		Contact contact = require(EmailAddresses.requireValid(email));
		List<String> added = this.contacts.addTags(contact.id(), add);
		List<String> removed = this.contacts.removeTags(contact.id(), remove);
		if (!added.isEmpty() || !removed.isEmpty()) {
			this.contacts.touch(contact.id());
			this.changes.tagsChanged(contact.id(), added, removed);
			List<ContactHistory.Change> rows = new ArrayList<>();
			added.forEach((tag) -> rows.add(ContactHistory.Change.tag(contact.id(), tag, true, BY_HAND)));
			removed.forEach((tag) -> rows.add(ContactHistory.Change.tag(contact.id(), tag, false, BY_HAND)));
			this.history.record(ContactHistory.Source.person(), rows);
			this.audit.record(AuditEvent.CONTACT_TAGGED, contact.email(),
					"added: " + words(added) + "; removed: " + words(removed));
		}
		return new TagChange(require(contact.email()), added, removed);
	}

	private static String words(List<String> tags) {
		return tags.isEmpty() ? "-" : String.join(", ", tags);
	}

	/**
	 * A page of the contact's history, newest first: the changes recorded before the
	 * change {@code before} (all when null).
	 */
	@Transactional(readOnly = true)
	public List<ContactHistory.Entry> history(long contactId, @Nullable Long before, int size) {
		return this.history.of(contactId, before, size);
	}

	@Transactional(readOnly = true)
	public Optional<Contact> find(String email) {
		return this.contacts.findByEmail(email.strip(), this.settings.current().audienceId());
	}

	/**
	 * A page of the contacts whose email starts with {@code prefix}, after the email
	 * {@code after} ("" for the first page).
	 */
	@Transactional(readOnly = true)
	public List<Contact> page(String prefix, String after, int size) {
		return this.contacts.page(this.settings.current().audienceId(), prefix.strip(), after, size);
	}

	@Transactional(readOnly = true)
	public void forEach(Consumer<Contact> action) {
		this.contacts.forEach(this.settings.current().audienceId(), action);
	}

	private Contact require(String email) {
		return find(email).orElseThrow(() -> new KaptaException("No contact has the email " + email));
	}

}
