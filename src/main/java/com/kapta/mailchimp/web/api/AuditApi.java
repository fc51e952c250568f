package com.kapta.mailchimp.web.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.kapta.mailchimp.audit.AuditEntry;
import com.kapta.mailchimp.audit.AuditFilter;
import com.kapta.mailchimp.audit.AuditTrail;
import com.kapta.mailchimp.web.RunAccess;
import com.kapta.mailchimp.web.ShownPaths;

/**
 * The audit trail for the API: an admin reads every action; a data user only its own
 * ({@code who} its own name), and is refused anyone else's.
 */
@RestController
@RequestMapping("/api/audit")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class AuditApi {

	/**
	 * One action.
	 *
	 * @param what the event's id ({@code job-launched})
	 * @param words the event in words ({@code job launched})
	 * @param from console, api, cli, schedule, folder or webhook
	 */
	record ActionView(long id, Instant at, String who, String from, @Nullable String address, String what, String words,
			@Nullable String subject, @Nullable Long run, @Nullable String detail) {
	}

	/** A page, and the {@code before} that asks for the next one when there is one. */
	record Page(List<ActionView> actions, @Nullable Long next) {
	}

	private final AuditTrail audit;

	private final ShownPaths paths;

	AuditApi(AuditTrail audit, ShownPaths paths) {
		this.audit = audit;
		this.paths = paths;
	}

	@GetMapping
	Page find(@RequestParam(required = false) @Nullable String who,
			@RequestParam(required = false) @Nullable String what,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable Long before, @RequestParam(defaultValue = "100") int size,
			Authentication user) {
		if (!RunAccess.admin(user) && (who == null || !who.strip().equalsIgnoreCase(user.getName()))) {
			throw new AccessDeniedException("Only an admin reads other users' actions; ask with who=" + user.getName());
		}
		int limit = Math.max(1, Math.min(size, 1000));
		List<ActionView> actions = this.audit.find(AuditFilter.of(who, what, from, to, before), limit)
			.stream()
			.map(this::view)
			.toList();
		return new Page(actions, (actions.size() == limit) ? actions.get(actions.size() - 1).id() : null);
	}

	private ActionView view(AuditEntry entry) {
		return new ActionView(entry.id(), entry.at(), entry.actor(), entry.channel().word(), entry.address(),
				entry.event().id(), entry.event().words(), this.paths.text(entry.subject()), entry.runId(),
				this.paths.text(entry.detail()));
	}

}
