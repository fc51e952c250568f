package com.kapta.mailchimp.sandbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The filters and order of a member list request, as live Mailchimp applies them: without
 * {@code status} archived members are left out; {@code since_last_changed} is exclusive
 * and {@code before_last_changed} inclusive, both to the whole second; {@code sort_field}
 * orders by a time, joining order breaking ties.
 *
 * @param status only members with this status; {@code null}: every status but archived
 * @param sinceLastChanged only members changed after this second, if given
 * @param beforeLastChanged only members changed at or before this second, if given
 * @param sortField {@code last_changed}, {@code timestamp_signup} or
 * {@code timestamp_opt}; {@code null}: joining order
 * @param descending whether {@code sort_dir} is {@code DESC}
 */
record SandboxMemberQuery(@Nullable String status, @Nullable Instant sinceLastChanged,
		@Nullable Instant beforeLastChanged, @Nullable String sortField, boolean descending) {

	/** Reads the query parameters, refusing what Mailchimp refuses with 400. */
	static SandboxMemberQuery of(SandboxRoutes.Call call) {
		String status = call.param("status");
		if (status != null && !SandboxAudience.STATUSES.contains(status)) {
			throw SandboxProblem.invalidResource("status", "Invalid status: " + status);
		}
		String sortField = call.param("sort_field");
		if (sortField != null && !sortField.matches("last_changed|timestamp_signup|timestamp_opt")) {
			throw SandboxProblem.invalidResource("sort_field", "Invalid sort field: " + sortField);
		}
		String sortDir = call.param("sort_dir");
		if (sortDir != null && !sortDir.matches("ASC|DESC")) {
			throw SandboxProblem.invalidResource("sort_dir", "Invalid sort direction: " + sortDir);
		}
		return new SandboxMemberQuery(status, time(call, "since_last_changed"), time(call, "before_last_changed"),
				sortField, "DESC".equals(sortDir));
	}

	/**
	 * The members the query lists, in its order.
	 * @param joined the audience's members in joining order
	 * @param noneArchived whether no member is archived: then the plain list is
	 * {@code joined} itself, with no pass over a large audience for each page
	 */
	List<SandboxMember> select(List<SandboxMember> joined, boolean noneArchived) {
		boolean plain = this.status == null && this.sinceLastChanged == null && this.beforeLastChanged == null;
		List<SandboxMember> matching = (plain && noneArchived) ? joined
				: joined.stream().filter(this::matches).toList();
		if (this.sortField == null) {
			return matching;
		}
		Comparator<SandboxMember> order = switch (this.sortField) {
			case "last_changed" ->
				Comparator.comparingLong((SandboxMember member) -> member.lastChanged.getEpochSecond());
			default -> Comparator.comparing((SandboxMember member) -> member.timestampSignup);
		};
		// a stable sort: joining order breaks ties
		return matching.stream().sorted(this.descending ? order.reversed() : order).toList();
	}

	private boolean matches(SandboxMember member) {
		boolean statusMatches = (this.status == null) ? !"archived".equals(member.status)
				: this.status.equals(member.status);
		long changed = member.lastChanged.getEpochSecond();
		return statusMatches && (this.sinceLastChanged == null || changed > this.sinceLastChanged.getEpochSecond())
				&& (this.beforeLastChanged == null || changed <= this.beforeLastChanged.getEpochSecond());
	}

	private static Instant time(SandboxRoutes.Call call, String name) {
		String text = call.param(name);
		if (text == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw SandboxProblem.invalidResource(name,
					"Invalid date-time, use ISO 8601 such as 2015-10-21T15:41:36+00:00: " + text);
		}
	}

}
