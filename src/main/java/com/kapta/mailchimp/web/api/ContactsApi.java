package com.kapta.mailchimp.web.api;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.kapta.mailchimp.KaptaJob;
import com.kapta.mailchimp.contact.Contact;
import com.kapta.mailchimp.contact.ContactHistory;
import com.kapta.mailchimp.contact.ContactService;
import com.kapta.mailchimp.push.EditPushes;

/**
 * Kapta's contacts for Kapta's application: a page of a search by the start of the email,
 * adding a contact, changing its tags. A change goes to Mailchimp right away while the
 * integration is on (the answer says what became of it), as with the command line.
 */
@RestController
@RequestMapping("/api/contacts")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ContactsApi {

	/** A page, and the {@code after} that asks for the next one when there is one. */
	record Page(List<Contact> contacts, @Nullable String next) {
	}

	record NewContactRequest(String email, @Nullable String firstName, @Nullable String lastName,
			@Nullable List<String> tags) {
	}

	record TagRequest(String email, @Nullable List<String> add, @Nullable List<String> remove) {
	}

	/** The contact after the change, and what became of the change on Mailchimp. */
	record Changed(Contact contact, String mailchimp) {
	}

	/**
	 * A change of a contact, newest first.
	 *
	 * @param change created, tag-added, tag-removed, status or email
	 * @param value the tag, the new status or the new email
	 * @param previous the status or email before
	 * @param job the job of the run that made it, as users know it
	 * @param by the run ("Download To Kapta (run 812)") or the person ("ann (console)")
	 * @param text the whole line, as the contact's page says it
	 */
	record HistoryView(long id, Instant at, String change, @Nullable String value, @Nullable String previous,
			@Nullable String job, @Nullable Long run, String by, @Nullable String reason, String text) {

		static HistoryView of(ContactHistory.Entry entry) {
			return new HistoryView(entry.id(), entry.at(),
					entry.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), entry.value(), entry.previous(),
					(entry.jobName() != null) ? KaptaJob.labelOf(entry.jobName()) : null, entry.runId(),
					entry.by(KaptaJob::labelOf), entry.reason(), entry.text(KaptaJob::labelOf));
		}

	}

	/** A page of a contact's history, and the {@code before} of the next page. */
	record History(String email, List<HistoryView> changes, @Nullable Long next) {
	}

	private final ContactService contacts;

	private final EditPushes push;

	ContactsApi(ContactService contacts, EditPushes push) {
		this.contacts = contacts;
		this.push = push;
	}

	@GetMapping
	Page page(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String after,
			@RequestParam(defaultValue = "100") int size) {
		int limit = Math.max(1, Math.min(size, 1000));
		List<Contact> page = this.contacts.page(q, after, limit);
		return new Page(page, (page.size() == limit) ? page.get(page.size() - 1).email() : null);
	}

	/** A contact's history, newest first; paged by {@code before}. */
	@GetMapping("/{email}/history")
	History history(@PathVariable String email, @RequestParam(required = false) @Nullable Long before,
			@RequestParam(defaultValue = "100") int size) {
		Contact contact = this.contacts.find(email)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No contact has this email"));
		int limit = Math.max(1, Math.min(size, 1000));
		List<HistoryView> changes = this.contacts.history(contact.id(), before, limit)
			.stream()
			.map(HistoryView::of)
			.toList();
		return new History(contact.email(), changes,
				(changes.size() == limit) ? changes.get(changes.size() - 1).id() : null);
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Changed add(@RequestBody NewContactRequest request) {
		Contact added = this.contacts.add(request.email(), request.firstName(), request.lastName(),
				(request.tags() != null) ? request.tags() : List.of());
		return new Changed(added, this.push.afterEdit(added.id()));
	}

	@PutMapping("/tags")
	Changed tag(@RequestBody TagRequest request) {
		var change = this.contacts.tag(request.email(), (request.add() != null) ? request.add() : List.of(),
				(request.remove() != null) ? request.remove() : List.of());
		String mailchimp = (change.added().isEmpty() && change.removed().isEmpty()) ? "Nothing changed."
				: this.push.afterEdit(change.contact().id());
		return new Changed(this.contacts.find(change.contact().email()).orElse(change.contact()), mailchimp);
	}

}
