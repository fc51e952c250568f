package com.kapta.mailchimp.mailchimp;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An audience member as Mailchimp returns it (the fields the jobs use; others are
 * ignored). A page asked for some fields only leaves the others missing.
 *
 * @param id the subscriber hash
 * @param emailAddress the address
 * @param status subscribed, unsubscribed, cleaned, pending, transactional or archived
 * @param mergeFields merge fields such as FNAME and LNAME
 * @param tags up to 50 of the member's tags; {@link #tagsCount()} tells whether there are
 * more
 * @param tagsCount how many tags the member has
 * @param lastChanged when the member last changed (ISO 8601)
 * @param timestampSignup when the member signed up, as given when it was added (ISO
 * 8601), or empty
 */
public record Member(@Nullable String id, String emailAddress, String status, @Nullable Map<String, Object> mergeFields,
		@Nullable List<MemberTag> tags, @Nullable Integer tagsCount, @Nullable String lastChanged,
		@Nullable String timestampSignup) {

	/**
	 * Mailchimp shows at most this many tags inline; past it, read them with the member's
	 * tags endpoint.
	 */
	public static final int INLINE_TAGS = 50;

	public boolean hasMoreTagsThanShown() {
		return this.tagsCount != null && this.tagsCount > (this.tags == null ? 0 : this.tags.size());
	}

}
