package com.kapta.mailchimp.webhook;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.kapta.mailchimp.InvalidInputException;

/**
 * One of Mailchimp's webhook events, read from its form body: {@code type},
 * {@code fired_at} and the {@code data[...]} fields Kapta needs. Only a hint of what
 * changed: the worker reads the member back from Mailchimp before applying anything.
 *
 * @param type subscribe, unsubscribe, profile, cleaned, upemail or campaign
 * @param firedAt when Mailchimp says it happened ({@code YYYY-MM-DD HH:MM:SS}, UTC)
 * @param listId the audience's id
 * @param email the member's address (for upemail: the old one)
 * @param newEmail for upemail, the new address
 */
record WebhookEvent(String type, @Nullable String firedAt, @Nullable String listId, @Nullable String email,
		@Nullable String newEmail) {

	/** The events Kapta applies (campaign events are not about a member). */
	static final Set<String> MEMBER_EVENTS = Set.of("subscribe", "unsubscribe", "profile", "cleaned", "upemail");

	static final Set<String> TYPES = Set.of("subscribe", "unsubscribe", "profile", "cleaned", "upemail", "campaign");

	/**
	 * The event in this body; {@link InvalidInputException} when it is not a form of a
	 * Mailchimp event (bad encoding, no or unknown type, a member event without its
	 * address).
	 */
	static WebhookEvent parse(byte[] body) {
		Map<String, String> form = form(body);
		String type = form.get("type");
		if (type == null || !TYPES.contains(type)) {
			throw new InvalidInputException("Not a Mailchimp webhook event: no known type");
		}
		String email = "upemail".equals(type) ? form.get("data[old_email]") : form.get("data[email]");
		String newEmail = "upemail".equals(type) ? form.get("data[new_email]") : null;
		if (MEMBER_EVENTS.contains(type) && (blank(email) || ("upemail".equals(type) && blank(newEmail)))) {
			throw new InvalidInputException("Not a Mailchimp webhook event: a " + type + " event without its address");
		}
		return new WebhookEvent(type, form.get("fired_at"), form.get("data[list_id]"), email, newEmail);
	}

	/** Whether Kapta applies it: a member's event. */
	boolean aboutAMember() {
		return MEMBER_EVENTS.contains(this.type);
	}

	private static Map<String, String> form(byte[] body) {
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new InvalidInputException("Not a form: the body is not UTF-8", ex);
		}
		Map<String, String> form = new HashMap<>();
		if (text.isBlank()) {
			return form;
		}
		for (String pair : text.split("&")) {
			int eq = pair.indexOf('=');
			if (eq <= 0) {
				throw new InvalidInputException("Not a form: a field without a name or a value");
			}
			try {
				form.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("Not a form: a badly escaped field", ex);
			}
		}
		return form;
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
