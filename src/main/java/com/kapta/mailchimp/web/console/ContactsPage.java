package com.kapta.mailchimp.web.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.audience.AudienceTags;
import com.kapta.mailchimp.contact.Contact;
import com.kapta.mailchimp.contact.ContactHistory;
import com.kapta.mailchimp.contact.ContactService;
import com.kapta.mailchimp.contact.TagNames;
import com.kapta.mailchimp.push.EditPushes;
import com.kapta.mailchimp.settings.SettingsService;

/**
 * Kapta's contacts: a list searched by the start of the email and paged by key (fast at a
 * million contacts), adding a contact, and a contact's Communications tab where its
 * Mailchimp tags are ticked. A change goes to Mailchimp through the outbox, right away
 * while the integration is on, as the command line's contacts commands do.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ContactsPage {

	static final int PAGE = 50;

	private final ContactService contacts;

	private final EditPushes push;

	private final AudienceTags tags;

	private final SettingsService settings;

	ContactsPage(ContactService contacts, EditPushes push, AudienceTags tags, SettingsService settings) {
		this.contacts = contacts;
		this.push = push;
		this.tags = tags;
		this.settings = settings;
	}

	@GetMapping("/contacts")
	String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String after, Model model) {
		List<Contact> page = this.contacts.page(q, after, PAGE);
		model.addAttribute("q", q);
		model.addAttribute("contacts", page);
		model.addAttribute("next", (page.size() == PAGE) ? page.get(page.size() - 1).email() : null);
		return "contacts";
	}

	@PostMapping("/contacts")
	String add(@RequestParam String email, @RequestParam(defaultValue = "") String firstName,
			@RequestParam(defaultValue = "") String lastName, @RequestParam(defaultValue = "") String tags,
			RedirectAttributes redirect) {
		try {
			Contact added = this.contacts.add(email, firstName, lastName, TagNames.parse(tags, ','));
			redirect.addFlashAttribute("done", "Contact added. " + this.push.afterEdit(added.id()));
			return contactPage(added.email());
		}
		catch (KaptaException ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
			return "redirect:/contacts";
		}
	}

	/** History entries on a contact's page at a time. */
	static final int HISTORY_PAGE = 20;

	@GetMapping("/contact")
	String show(@RequestParam String email, @RequestParam(required = false) @Nullable Long before, Model model) {
		Contact contact = this.contacts.find(email)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No contact has this email"));
		Set<String> offered = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		String audienceId = this.settings.current().audienceId();
		if (audienceId != null) {
			offered.addAll(this.tags.all(audienceId).keySet());
		}
		offered.addAll(contact.tags());
		// ticked ignoring case: the audience may spell a tag otherwise than Kapta does
		Set<String> has = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		has.addAll(contact.tags());
		model.addAttribute("contact", contact);
		model.addAttribute("has", has);
		model.addAttribute("offered", List.copyOf(offered));
		List<ContactHistory.Entry> history = this.contacts.history(contact.id(), before, HISTORY_PAGE);
		model.addAttribute("history", history);
		model.addAttribute("historyOlder",
				(history.size() == HISTORY_PAGE) ? history.get(history.size() - 1).id() : null);
		model.addAttribute("historyShown", before != null);
		return "contact";
	}

	/** The Communications tab's Save: the ticked tags are the contact's tags. */
	@PostMapping("/contact")
	String saveTags(@RequestParam String email,
			@RequestParam(name = "tag", required = false) @Nullable List<String> ticked,
			@RequestParam(defaultValue = "") String newTags, RedirectAttributes redirect) {
		Contact contact = this.contacts.find(email)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No contact has this email"));
		Set<String> wanted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		wanted.addAll((ticked != null) ? ticked : List.of());
		wanted.addAll(TagNames.parse(newTags, ','));
		Set<String> have = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		have.addAll(contact.tags());
		List<String> add = wanted.stream().filter((tag) -> !have.contains(tag)).toList();
		List<String> remove = new ArrayList<>(have.stream().filter((tag) -> !wanted.contains(tag)).toList());
		try {
			if (!add.isEmpty() || !remove.isEmpty()) {
				var change = this.contacts.tag(email, add, remove);
				redirect.addFlashAttribute("done", "Tags saved. " + this.push.afterEdit(change.contact().id()));
			}
			else {
				redirect.addFlashAttribute("done", "Nothing changed.");
			}
		}
		catch (KaptaException ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return contactPage(email);
	}

	private static String contactPage(String email) {
		// encoded as a template variable: a + in an address stays a + (a bare query would
		// read a space)
		return "redirect:" + UriComponentsBuilder.fromPath("/contact")
			.queryParam("email", "{email}")
			.encode()
			.buildAndExpand(email)
			.toUriString();
	}

}
