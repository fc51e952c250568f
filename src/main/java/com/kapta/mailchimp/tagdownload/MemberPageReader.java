package com.kapta.mailchimp.tagdownload;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import com.kapta.mailchimp.batch.JobSizes;
import com.kapta.mailchimp.batch.Progress;
import com.kapta.mailchimp.mailchimp.BulkCalls;
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
 * are set again) or missed until the next run. The next page is asked for as soon as a
 * page arrives, while that one is written (writing a page took a third of a second at a
 * million members: ten threads then kept Mailchimp's ten connections busy only two thirds
 * of the time); a page asked for ahead but not committed is asked for again on a restart.
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

	/** Where the next page is asked for while the last one is written. */
	private @Nullable BulkCalls ahead;

	/** The next page, asked for; {@code null} when none is. */
	private @Nullable CompletableFuture<MemberPage> nextPage;

	/** The page size reached, as of the last page handed on. */
	private int pageSize;

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
		this.pageSize = context.getInt(PAGE, PAGE_SIZE);
		this.pager = new MemberPager(this.client, this.audienceId, this.range.query(), this.pageSize);
		this.ahead = new BulkCalls(1);
		this.nextPage = null;
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
		int max = max();
		if (max <= 0) {
			this.exhausted = true;
			return;
		}
		boolean first = this.fetchedTo == 0;
		MemberPage members = (this.nextPage != null) ? BulkCalls.answer(this.nextPage)
				: this.pager.read(this.fetchedTo, max);
		this.nextPage = null;
		this.page.addAll(members.members());
		this.fetchedTo += members.members().size();
		if (first && !this.range.counted()) {
			this.progress.grow(members.totalItems());
		}
		// a short page ends the list (or an audience that shrank while it was read)
		this.exhausted = this.pager.shortPage(members)
				|| (this.range.to() < 0 && this.range.totalIsTrue() && this.fetchedTo >= members.totalItems());
		this.pageSize = this.pager.pageSize();
		int from = this.fetchedTo;
		int nextMax = max();
		if (!this.exhausted && nextMax > 0) {
			// the pager is used by one thread at a time: this one again once it is
			// answered
			this.nextPage = Objects.requireNonNull(this.ahead).ahead(() -> this.pager.read(from, nextMax));
		}
	}

	/** The most members the next page may have: a page, or what is left of the range. */
	private int max() {
		return (this.range.to() < 0) ? PAGE_SIZE : this.range.to() - this.fetchedTo;
	}

	@Override
	public void update(ExecutionContext context) {
		context.putInt(NEXT, this.next);
		context.putInt(PAGE, this.pageSize);
	}

	@Override
	public void close() {
		// a page asked for ahead and not handed on is asked for again by a restart
		if (this.ahead != null) {
			this.ahead.close();
		}
	}

}
