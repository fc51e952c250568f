package com.kapta.mailchimp.tagdownload;

import java.util.ArrayDeque;
import java.util.Deque;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import com.kapta.mailchimp.batch.JobSizes;
import com.kapta.mailchimp.batch.Progress;
import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.Member;
import com.kapta.mailchimp.mailchimp.MemberPage;
import com.kapta.mailchimp.mailchimp.MemberPager;

/**
 * Reads one partition's range of a member list (the audience's, a tag's, or the changed
 * members'), a page at a time (1000, Mailchimp's most, halved for the rest of the range
 * whenever Mailchimp times out on a page). The step's context keeps the offset of the
 * first member not yet committed, so a restart reads on from exactly there, and the page
 * size reached. A range that runs to the end of the list stops at a short page or at the
 * list's {@code total_items}, so no call is made for an empty page. If the audience
 * changes while it is read, offsets shift: a member may be read twice (harmless: its tags
 * are set again) or missed until the next run.
 */
class MemberPageReader implements ItemStreamReader<Member> {

	/** A page is a chunk. */
	static final int PAGE_SIZE = JobSizes.DOWNLOAD_CHUNK;

	private static final String NEXT = "members.next";

	private static final String PAGE = "members.pageSize";

	private final MailchimpClient client;

	private final String audienceId;

	private final DownloadPartitioner.Range range;

	/**
	 * Where a range's total is added when the partitioner could not count it (archived
	 * members).
	 */
	private final Progress progress;

	private final Deque<Member> page = new ArrayDeque<>();

	private MemberPager pager;

	/** The offset of the next member {@link #read()} returns. */
	private int next;

	/** The offset after the last member fetched. */
	private int fetchedTo;

	private boolean exhausted;

	MemberPageReader(MailchimpClient client, String audienceId, DownloadPartitioner.Range range, Progress progress) {
		this.client = client;
		this.audienceId = audienceId;
		this.range = range;
		this.progress = progress;
	}

	@Override
	public void open(ExecutionContext context) {
		this.next = context.getInt(NEXT, this.range.from());
		this.fetchedTo = this.next;
		this.pager = new MemberPager(this.client, this.audienceId, this.range.query(), context.getInt(PAGE, PAGE_SIZE));
	}

	@Override
	public Member read() {
		if (this.page.isEmpty() && !this.exhausted) {
			fetch();
		}
		Member member = this.page.poll();
		if (member != null) {
			this.next++;
		}
		return member;
	}

	private void fetch() {
		boolean toTheEnd = this.range.to() < 0;
		int max = toTheEnd ? PAGE_SIZE : this.range.to() - this.fetchedTo;
		if (max <= 0) {
			this.exhausted = true;
			return;
		}
		boolean first = this.fetchedTo == 0;
		MemberPage members = this.pager.read(this.fetchedTo, max);
		this.page.addAll(members.members());
		this.fetchedTo += members.members().size();
		if (first && !this.range.counted()) {
			this.progress.grow(members.totalItems());
		}
		// a short page ends the list (or an audience that shrank while it was read)
		this.exhausted = this.pager.shortPage(members)
				|| (toTheEnd && this.range.totalIsTrue() && this.fetchedTo >= members.totalItems());
	}

	@Override
	public void update(ExecutionContext context) {
		context.putInt(NEXT, this.next);
		context.putInt(PAGE, this.pager.pageSize());
	}

}
