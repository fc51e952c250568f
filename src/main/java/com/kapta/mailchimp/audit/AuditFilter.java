package com.kapta.mailchimp.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.Texts;

/**
 * Which actions to show: by whom, which event, from and until when (each optional), and
 * the page: the actions recorded before the action {@code before} (keyset paging, newest
 * first).
 */
public record AuditFilter(@Nullable String actor, @Nullable AuditEvent event, @Nullable Instant from,
		@Nullable Instant until, @Nullable Long before) {

	/**
	 * The filter a page's or a request's fields give: who, what (an event's id, as
	 * {@code job-launched}), and days of the server's zone, {@code to} included.
	 */
	public static AuditFilter of(@Nullable String who, @Nullable String what, @Nullable LocalDate from,
			@Nullable LocalDate to, @Nullable Long before) {
		AuditEvent event = null;
		if (Texts.blankToNull(what) != null) {
			event = AuditEvent.of(what)
				.orElseThrow(() -> new InvalidInputException("No such kind of action: '" + what.strip() + "'"));
		}
		ZoneId zone = ZoneId.systemDefault();
		return new AuditFilter(Texts.blankToNull(who), event,
				(from != null) ? from.atStartOfDay(zone).toInstant() : null,
				(to != null) ? to.plusDays(1).atStartOfDay(zone).toInstant() : null, before);
	}

	public static AuditFilter all() {
		return new AuditFilter(null, null, null, null, null);
	}

	public AuditFilter before(long id) {
		return new AuditFilter(this.actor, this.event, this.from, this.until, id);
	}

}
