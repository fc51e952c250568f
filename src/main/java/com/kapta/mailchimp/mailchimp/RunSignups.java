package com.kapta.mailchimp.mailchimp;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.kapta.mailchimp.EmailKey;

/**
 * Which members one run created, for chunks that may have reached Mailchimp before (a
 * restart after a kill, or a call whose answer was lost): there Mailchimp answers
 * "already a member" for the run's own members too. Every member a run creates carries
 * the run's stamp as {@code timestamp_signup}; this reads the members created or changed
 * since the run was launched in pages of up to 1000 (a few calls, not one per member) and
 * keeps those with the stamp, with their status. Later look-ups read only what changed
 * since the last one. Thread-safe: the partitions of a run share one.
 */
public final class RunSignups {

	/**
	 * Read this much before the launch the first time: the launch is Kapta's clock,
	 * {@code last_changed} Mailchimp's.
	 */
	private static final long CLOCK_MARGIN_SECONDS = 60;

	private final MailchimpClient client;

	private final String listId;

	private final String stamp;

	/**
	 * Addresses the run created, by {@link EmailKey}, with the status Mailchimp gave
	 * them.
	 */
	private final Map<String, String> created = new HashMap<>();

	/** Members changed at or after this moment (Mailchimp's clock) are not read yet. */
	private @Nullable Instant unreadSince;

	/** When the last look-up started (Kapta's clock); none before the first. */
	private @Nullable Instant lastLookUp;

	/**
	 * @param stamp the {@code timestamp_signup} the run gives the members it creates
	 * ({@link #stamp}); it is also when the run began. {@code null} for a run begun
	 * before runs stamped their members: nothing tells its members, and none is found
	 */
	public RunSignups(MailchimpClient client, String listId, @Nullable String stamp) {
		this.client = client;
		this.listId = listId;
		this.stamp = stamp;
		this.unreadSince = (stamp != null) ? OffsetDateTime.parse(stamp).toInstant().minusSeconds(CLOCK_MARGIN_SECONDS)
				: Instant.now();
	}

	/**
	 * The stamp of a run that begins at {@code start}: Mailchimp's
	 * {@code timestamp_signup} format, to the second.
	 */
	public static String stamp(Instant start) {
		return MemberQuery.DATE_TIME.format(start);
	}

	/**
	 * Those of these addresses that the run created, with their status.
	 * @param sentBefore when the calls that may have created them had all been answered:
	 * a look-up started later has seen them, an earlier one has not and is brought up to
	 * date first
	 */
	public synchronized Map<String, String> createdAmong(Collection<String> emails, Instant sentBefore) {
		if (this.stamp == null) {
			return Map.of();
		}
		boolean allKnown = emails.stream().allMatch((email) -> this.created.containsKey(EmailKey.of(email)));
		// a look-up that started before the calls were answered may not have seen what
		// they created
		if (this.lastLookUp == null || (!allKnown && !this.lastLookUp.isAfter(sentBefore))) {
			lookUp();
		}
		Map<String, String> ours = new HashMap<>();
		for (String email : emails) {
			String status = this.created.get(EmailKey.of(email));
			if (status != null) {
				ours.put(email, status);
			}
		}
		return ours;
	}

	private void lookUp() {
		this.lastLookUp = Instant.now();
		var pager = new MemberPager(this.client, this.listId, MemberQuery.changedSince(this.unreadSince),
				MailchimpClient.MAX_PAGE_SIZE);
		Instant latest = this.unreadSince;
		for (int offset = 0;;) {
			MemberPage page = pager.read(offset, MailchimpClient.MAX_PAGE_SIZE);
			for (Member member : page.members()) {
				if (this.stamp.equals(member.timestampSignup())) {
					this.created.put(EmailKey.of(member.emailAddress()), member.status());
				}
				Instant changed = instant(member.lastChanged());
				if (changed != null && changed.isAfter(latest)) {
					latest = changed;
				}
			}
			offset += page.members().size();
			if (pager.shortPage(page) || offset >= page.totalItems()) {
				break;
			}
		}
		this.unreadSince = latest;
	}

	private static @Nullable Instant instant(@Nullable String time) {
		try {
			return (time == null || time.isEmpty()) ? null : OffsetDateTime.parse(time).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
