package com.kapta.mailchimp.tagdownload;

import java.util.ArrayDeque;
import java.util.Deque;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.Member;
import com.kapta.mailchimp.mailchimp.MemberPage;

/**
 * Reads one partition's pages of the audience's members (1000 a page, Mailchimp's most), keeping the next
 * page in the step's context: a restart reads again from the first page not yet committed. If the audience
 * changes while it is read, offsets shift: a member may be read twice (harmless: its tags are set again) or
 * missed until the next run.
 */
class MemberPageReader implements ItemStreamReader<Member> {

	static final int PAGE_SIZE = MailchimpClient.MAX_PAGE_SIZE;

	private static final String NEXT_PAGE = "members.nextPage";

	private final MailchimpClient client;

	private final String audienceId;

	private final int endPage;

	private final Deque<Member> page = new ArrayDeque<>();

	private int nextPage;

	private int fetchedPage = -1;

	private boolean exhausted;

	/**
	 * @param firstPage the partition's first page
	 * @param endPage the page after the partition's last
	 */
	MemberPageReader(MailchimpClient client, String audienceId, int firstPage, int endPage) {
		this.client = client;
		this.audienceId = audienceId;
		this.nextPage = firstPage;
		this.endPage = endPage;
	}

	@Override
	public void open(ExecutionContext context) {
		this.nextPage = context.getInt(NEXT_PAGE, this.nextPage);
	}

	@Override
	public Member read() {
		if (this.page.isEmpty() && !this.exhausted && this.nextPage < this.endPage) {
			MemberPage members = this.client.members(this.audienceId, this.nextPage * PAGE_SIZE, PAGE_SIZE);
			this.fetchedPage = this.nextPage++;
			this.page.addAll(members.members());
			// an audience that shrank while it was read ends early
			this.exhausted = members.members().isEmpty();
		}
		return this.page.poll();
	}

	@Override
	public void update(ExecutionContext context) {
		// a page not read to its end is read again on restart: setting a member's tags twice changes nothing
		context.putInt(NEXT_PAGE, this.page.isEmpty() ? this.nextPage : this.fetchedPage);
	}

}
