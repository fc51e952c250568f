package com.kapta.mailchimp.mailchimp;

/**
 * Reads a member list a page at a time, starting with Mailchimp's largest page and
 * halving it whenever Mailchimp times out on a page (down to {@link #SMALLEST_PAGE},
 * where the client's ordinary retries take over). The smaller size is kept for the rest
 * of the read. Not thread-safe: one reader, one pager.
 */
public final class MemberPager {

	/**
	 * Below this a page is not split further: a timeout is then retried as any transient
	 * failure.
	 */
	public static final int SMALLEST_PAGE = 125;

	private final MailchimpClient client;

	private final String listId;

	private final MemberQuery query;

	private int pageSize;

	/** How many members the last successful read asked for. */
	private int asked;

	public MemberPager(MailchimpClient client, String listId, MemberQuery query, int pageSize) {
		this.client = client;
		this.listId = listId;
		this.query = query;
		this.pageSize = pageSize;
	}

	/**
	 * The members from {@code offset}, at most {@code max} of them (a page, or less after
	 * a time-out).
	 */
	public MemberPage read(int offset, int max) {
		while (true) {
			int count = Math.min(this.pageSize, max);
			try {
				MemberPage page = this.client.members(this.listId, this.query, offset, count, count > SMALLEST_PAGE);
				this.asked = count;
				return page;
			}
			catch (PageTimeoutException ex) {
				this.pageSize = Math.max(SMALLEST_PAGE, count / 2);
			}
		}
	}

	/**
	 * Whether this page, the last one read, came back with fewer members than asked: the
	 * list ends there.
	 */
	public boolean shortPage(MemberPage page) {
		return page.members().size() < this.asked;
	}

	/** The page size it reads with now. */
	public int pageSize() {
		return this.pageSize;
	}

}
