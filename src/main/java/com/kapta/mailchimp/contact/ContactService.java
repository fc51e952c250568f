package com.kapta.mailchimp.contact;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.Texts;
import com.kapta.mailchimp.settings.SettingsService;

/** Kapta's contact window: create a contact, change its tags, look contacts up. */
@Service
public class ContactService {

	/** What a tag edit changed. */
	public record TagChange(Contact contact, List<String> added, List<String> removed) {
	}

	private final ContactRepository contacts;

	private final SettingsService settings;

	private final ChangeQueue changes;

	ContactService(ContactRepository contacts, SettingsService settings, ChangeQueue changes) {
		this.contacts = contacts;
		this.settings = settings;
		this.changes = changes;
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
		long id = this.contacts
			.insert(new NewContact(valid, Texts.blankToNull(firstName), Texts.blankToNull(lastName), tags));
		this.changes.contactsAdded(Map.of(id, tags));
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
		}
		return new TagChange(require(contact.email()), added, removed);
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
