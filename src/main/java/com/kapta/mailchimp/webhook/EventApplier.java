package com.kapta.mailchimp.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.kapta.mailchimp.audience.AudienceMembers;
import com.kapta.mailchimp.audience.AudienceMembers.Membership;
import com.kapta.mailchimp.audience.DoNotSubscribe;
import com.kapta.mailchimp.audit.Actor;
import com.kapta.mailchimp.audit.AuditEvent;
import com.kapta.mailchimp.audit.AuditTrail;
import com.kapta.mailchimp.contact.Contact;
import com.kapta.mailchimp.contact.ContactHistory;
import com.kapta.mailchimp.contact.ContactRepository;
import com.kapta.mailchimp.mailchimp.Member;

/**
 * Applies a member's waiting events, given what Mailchimp holds of the member now (the
 * events are hints; the member read back is the truth): its status, its names, and for an
 * address change the contact's email. Each call is one transaction that first claims the
 * events, so an event another instance is applying, or has applied, is left alone, and
 * Kapta's changes, their history and the events marked applied commit together.
 */
@Component
class EventApplier {

	/**
	 * A member's events, applied together.
	 *
	 * @param email the member's address now (for an address change, the new one)
	 * @param oldEmail for an address change, the old one
	 * @param ids the events, in order of arrival
	 */
	record MemberEvents(String email, @Nullable String oldEmail, List<Long> ids, List<String> types) {
	}

	private static final String WEBHOOK = "mailchimp (webhook)";

	private final WebhookEvents events;

	private final ContactRepository contacts;

	private final AudienceMembers members;

	private final DoNotSubscribe doNotSubscribe;

	private final ContactHistory history;

	private final AuditTrail audit;

	EventApplier(WebhookEvents events, ContactRepository contacts, AudienceMembers members,
			DoNotSubscribe doNotSubscribe, ContactHistory history, AuditTrail audit) {
		this.events = events;
		this.contacts = contacts;
		this.members = members;
		this.doNotSubscribe = doNotSubscribe;
		this.history = history;
		this.audit = audit;
	}

	/**
	 * Applies the events this transaction could claim; returns what they changed (empty
	 * when another instance has them).
	 */
	@Transactional
	Optional<String> apply(String audienceId, MemberEvents group, Optional<Member> member) {
		Set<Long> claimed = this.events.claim(group.ids());
		if (claimed.isEmpty()) {
			return Optional.empty();
		}
		String outcome = member.map((found) -> applyMember(audienceId, group, found))
			.orElse("not on Mailchimp any more: nothing changed");
		this.events.applied(claimed, outcome);
		return Optional.of(outcome);
	}

	private String applyMember(String audienceId, MemberEvents group, Member member) {
		List<ContactHistory.Change> changes = new ArrayList<>();
		List<String> done = new ArrayList<>();
		this.contacts.lock((group.oldEmail() != null) ? List.of(member.emailAddress(), group.oldEmail())
				: List.of(member.emailAddress()));
		Contact contact = this.contacts.findByEmail(member.emailAddress(), audienceId).orElse(null);
		if (group.oldEmail() != null) {
			Contact old = this.contacts.findByEmail(group.oldEmail(), audienceId).orElse(null);
			if (old != null && contact != null && old.id() != contact.id()) {
				String conflict = "conflict: the address changed on Mailchimp from " + group.oldEmail() + " to "
						+ member.emailAddress() + ", which is another Kapta contact's; both kept as they are";
				this.audit.record(Actor.MAILCHIMP, AuditEvent.WEBHOOK_APPLIED, group.oldEmail(), null, conflict);
				return conflict;
			}
			if (old != null && contact == null) {
				this.contacts.changeEmail(old.id(), member.emailAddress());
				this.members.rehash(old.id(), member.emailAddress());
				changes.add(new ContactHistory.Change(old.id(), ContactHistory.Kind.EMAIL, member.emailAddress(),
						old.email(), "changed on Mailchimp"));
				done.add("email " + old.email() + " → " + member.emailAddress());
				contact = old;
			}
		}
		if (contact == null) {
			return "no Kapta contact has this address: nothing changed";
		}
		if (!Objects.equals(contact.mailchimpStatus(), member.status())) {
			this.members.record(audienceId,
					List.of(new Membership(contact.id(), member.emailAddress(), member.status(), false)));
			changes.add(new ContactHistory.Change(contact.id(), ContactHistory.Kind.STATUS, member.status(),
					contact.mailchimpStatus(), "changed on Mailchimp (" + String.join(", ", group.types()) + ")"));
			done.add("status " + ((contact.mailchimpStatus() != null) ? contact.mailchimpStatus() : "none") + " → "
					+ member.status());
		}
		DoNotSubscribe.Reason.ofStatus(member.status())
			.ifPresent((reason) -> this.doNotSubscribe.remember(audienceId,
					List.of(new DoNotSubscribe.Entry(member.emailAddress(), reason,
							"status " + member.status() + " on Mailchimp"))));
		String firstName = mergeField(member, "FNAME", contact.firstName());
		String lastName = mergeField(member, "LNAME", contact.lastName());
		if (!Objects.equals(firstName, contact.firstName()) || !Objects.equals(lastName, contact.lastName())) {
			this.contacts.rename(contact.id(), firstName, lastName);
			done.add("name " + name(contact.firstName(), contact.lastName()) + " → " + name(firstName, lastName));
		}
		if (done.isEmpty()) {
			return "nothing to change";
		}
		this.history.record(new ContactHistory.Source(null, null, WEBHOOK), changes);
		String outcome = String.join("; ", done);
		this.audit.record(Actor.MAILCHIMP, AuditEvent.WEBHOOK_APPLIED, member.emailAddress(), null, outcome);
		return outcome;
	}

	/**
	 * The merge field's value on Mailchimp; {@code kept} when Mailchimp does not say
	 * (blank is a name removed).
	 */
	private static @Nullable String mergeField(Member member, String field, @Nullable String kept) {
		Map<String, Object> fields = member.mergeFields();
		if (fields == null || !fields.containsKey(field)) {
			return kept;
		}
		Object value = fields.get(field);
		String text = (value != null) ? value.toString().strip() : "";
		return text.isEmpty() ? null : text;
	}

	private static String name(@Nullable String first, @Nullable String last) {
		String name = ((first != null) ? first : "") + " " + ((last != null) ? last : "");
		return name.isBlank() ? "(none)" : "'" + name.strip() + "'";
	}

}
