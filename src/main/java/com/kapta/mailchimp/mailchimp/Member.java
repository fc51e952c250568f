package com.kapta.mailchimp.mailchimp;

import java.util.List;
import java.util.Map;

/**
 * An audience member as Mailchimp returns it (the fields the jobs use; others are
 * ignored).
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
public record Member(String id, String emailAddress, String status, Map<String, Object> mergeFields,
		List<MemberTag> tags, Integer tagsCount, String lastChanged, String timestampSignup) {

	/**
	 * Mailchimp shows at most this many tags inline; past it, read them with the member's
	 * tags endpoint.
	 */
	public static final int INLINE_TAGS = 50;

	public boolean hasMoreTagsThanShown() {
		return this.tagsCount != null && this.tagsCount > (this.tags == null ? 0 : this.tags.size());
	}

}
