package com.kapta.mailchimp.mailchimp;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Which members a member list read asks for, and which of their fields. Live Mailchimp
 * leaves archived members out of the list unless {@code status=archived} is asked for.
 *
 * @param status only members with this status; {@code null}: every status but archived
 * @param changedSince only members created or changed (subscribe, status, merge fields;
 * not tags) at or after this moment, oldest change first; {@code null}: all, in
 * Mailchimp's order
 * @param fields the fields to return
 * @param tagId only the members with this tag, read from its static segment;
 * {@code null}: the audience's member list
 */
public record MemberQuery(@Nullable String status, @Nullable Instant changedSince, String fields,
		@Nullable Long tagId) {

	/**
	 * A member's address and status alone: what a tag's member list gives (it has no
	 * tags), and all the status pass needs.
	 */
	static final String ADDRESS_AND_STATUS = "members.email_address,members.status,total_items";

	public MemberQuery(@Nullable String status, @Nullable Instant changedSince, String fields) {
		this(status, changedSince, fields, null);
	}

	/** What the tag download needs of a member. */
	static final String TAG_FIELDS = "members.email_address,members.status,members.tags,members.tags_count,total_items";

	/** What tells a member created by a run (its sign-up stamp) and its status. */
	static final String SIGNUP_FIELDS = "members.email_address,members.status,"
			+ "members.timestamp_signup,members.last_changed,total_items";

	/** Mailchimp's date-times, to the second: {@code 2015-10-21T15:41:36+00:00}. */
	static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
		.withZone(ZoneOffset.UTC);

	/**
	 * Members with their status and tags: every status but archived, or only
	 * {@code status}.
	 */
	public static MemberQuery tags(String status) {
		return new MemberQuery(status, null, TAG_FIELDS);
	}

	/**
	 * Members created or changed at or after {@code since}, with status and sign-up
	 * stamp.
	 */
	public static MemberQuery changedSince(Instant since) {
		return new MemberQuery(null, since, SIGNUP_FIELDS);
	}

	/**
	 * Members created or changed at or after {@code since}, with their status: a
	 * tag-by-tag download's status pass.
	 */
	public static MemberQuery statusesChangedSince(Instant since) {
		return new MemberQuery(null, since, ADDRESS_AND_STATUS, null);
	}

	/**
	 * The members who have this tag (its static segment's list), of every status but
	 * archived: unsubscribed, cleaned and transactional ones too, which Mailchimp leaves
	 * out unless asked. With them, its {@code total_items} undercounts: read to a short
	 * page.
	 */
	public static MemberQuery ofTag(long tagId) {
		return new MemberQuery(null, null, ADDRESS_AND_STATUS, tagId);
	}

	Map<String, Object> parameters(int offset, int count) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("fields", this.fields);
		parameters.put("count", count);
		parameters.put("offset", offset);
		if (this.tagId != null) {
			parameters.put("include_unsubscribed", true);
			parameters.put("include_cleaned", true);
			parameters.put("include_transactional", true);
		}
		if (this.status != null) {
			parameters.put("status", this.status);
		}
		if (this.changedSince != null) {
			// whole seconds, and exclusive: a second earlier keeps changes made in the
			// same second
			parameters.put("since_last_changed",
					DATE_TIME.format(this.changedSince.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1)));
			// oldest change first: members changed while the pages are read move to the
			// end, not over a page
			parameters.put("sort_field", "last_changed");
			parameters.put("sort_dir", "ASC");
		}
		return parameters;
	}

}
