package com.kapta.mailchimp.tagdownload;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * How a download reads Mailchimp, chosen per run from the counts Mailchimp gives: the
 * full scan (every member's page, with its tags) or tag by tag (each tag's member list,
 * plus the members changed since the last completed download for their statuses). Both
 * read the archived members' pass, and both leave Kapta as a full scan does.
 *
 * @param kind the reading chosen
 * @param fullScanCalls the calls a full scan would make
 * @param tagByTagCalls the calls tag by tag would make, or -1 when it may not run
 * @param changedSince tag by tag: the members changed after this moment are read for
 * their statuses; {@code null} for a full scan
 * @param why the reason, in the summary's words
 */
record DownloadPlan(Kind kind, long fullScanCalls, long tagByTagCalls, @Nullable Instant changedSince, String why) {

	/** The readings a download may take. */
	enum Kind {

		FULL_SCAN("full scan"), TAG_BY_TAG("tag by tag");

		private final String words;

		Kind(String words) {
			this.words = words;
		}

		String words() {
			return this.words;
		}

	}

	/**
	 * How much more a tag's list may hold than its {@code member_count} says: the count
	 * leaves out members Mailchimp lists with the include flags.
	 */
	static final double MARGIN = 0.1;

	/**
	 * How long before the last download's start a change still counts: clocks differ, and
	 * a change made while that download read its pages may not have been read.
	 */
	static final Duration CHANGES_OVERLAP = Duration.ofMinutes(10);

	private static final int PAGE = MemberPageReader.PAGE_SIZE;

	private static final String KIND = "download.plan";

	private static final String FULL_CALLS = "download.plan.fullScanCalls";

	private static final String TAG_CALLS = "download.plan.tagByTagCalls";

	private static final String SINCE = "download.plan.changedSince";

	private static final String WHY = "download.plan.why";

	/**
	 * What the choice is made from.
	 *
	 * @param members the audience's member count (every status but archived)
	 * @param tagMembers each tag's {@code member_count}
	 * @param lastStart when the last completed download (not a dry run) started;
	 * {@code null}: none yet
	 * @param now the run's start
	 * @param fullScanEvery how old the last completed download may be for tag by tag
	 * @param forced whether the run was asked for a full scan ({@code --full})
	 */
	record Inputs(long members, Collection<Long> tagMembers, @Nullable Instant lastStart, Instant now,
			Duration fullScanEvery, boolean forced) {

		/** Whether tag by tag may run at all (then the changed members are counted). */
		boolean tagByTagAllowed() {
			return !this.forced && this.lastStart != null
					&& !this.lastStart.isBefore(this.now.minus(this.fullScanEvery));
		}

		/** Tag by tag reads the members changed after this moment. */
		Instant changedSince() {
			return this.lastStart.minus(CHANGES_OVERLAP);
		}

	}

	/**
	 * The cheaper reading, given how many members changed since the last download
	 * ({@code changed}; ignored when tag by tag may not run).
	 */
	static DownloadPlan choose(Inputs inputs, long changed) {
		long full = pages(inputs.members()) + 1;
		if (inputs.forced()) {
			return new DownloadPlan(Kind.FULL_SCAN, full, -1, null, "asked for (--full)");
		}
		if (inputs.lastStart() == null) {
			return new DownloadPlan(Kind.FULL_SCAN, full, -1, null,
					"no completed download yet: tag by tag reads only the changes since the last one");
		}
		if (!inputs.tagByTagAllowed()) {
			return new DownloadPlan(Kind.FULL_SCAN, full, -1, null,
					"the last completed download started " + inputs.lastStart() + ", more than "
							+ inputs.fullScanEvery().toDays() + " days ago (kapta.download.full-scan-every)");
		}
		long tagByTag = inputs.tagMembers().stream().mapToLong(DownloadPlan::tagCalls).sum() + (changed / PAGE + 1) + 1;
		String estimates = "about " + tagByTag + " calls tag by tag, " + full + " for a full scan";
		if (tagByTag < full) {
			return new DownloadPlan(Kind.TAG_BY_TAG, full, tagByTag, inputs.changedSince(), estimates);
		}
		return new DownloadPlan(Kind.FULL_SCAN, full, tagByTag, null, estimates);
	}

	/**
	 * The calls a tag's list takes: its pages, with the margin, read to a short page
	 * (which may be empty).
	 */
	static long tagCalls(long memberCount) {
		return (long) Math.floor(memberCount * (1 + MARGIN) / PAGE) + 1;
	}

	private static long pages(long members) {
		return Math.max(1, (members + PAGE - 1) / PAGE);
	}

	/** The summary's line: the reading and why. */
	String words() {
		return this.kind.words() + ": " + this.why;
	}

	void store(ExecutionContext context) {
		context.putString(KIND, this.kind.name());
		context.putLong(FULL_CALLS, this.fullScanCalls);
		context.putLong(TAG_CALLS, this.tagByTagCalls);
		if (this.changedSince != null) {
			context.putLong(SINCE, this.changedSince.getEpochSecond());
		}
		context.putString(WHY, this.why);
	}

	static DownloadPlan of(ExecutionContext context) {
		if (!context.containsKey(KIND)) {
			// a run prepared before downloads had plans, resumed
			return new DownloadPlan(Kind.FULL_SCAN, -1, -1, null, "the run began before downloads chose");
		}
		return new DownloadPlan(Kind.valueOf(context.getString(KIND)), context.getLong(FULL_CALLS),
				context.getLong(TAG_CALLS),
				context.containsKey(SINCE) ? Instant.ofEpochSecond(context.getLong(SINCE)) : null,
				context.getString(WHY));
	}

}
