package com.kapta.mailchimp.tagdownload;

import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Tag by tag, the contacts whose Kapta tags differ from what the lists hold
 * ({@link TagMembers#noteDifferences}), by id, a page at a time. The step's context keeps
 * the last id committed, so a restart reads on from there. A full scan has none.
 */
class TaggedContactReader implements ItemStreamReader<Long> {

	private static final String AFTER = "tagged.after";

	private static final int PAGE = 1000;

	private final TagMembers tagMembers;

	private final long run;

	private final boolean tagByTag;

	private final Deque<Long> page = new ArrayDeque<>();

	private long after;

	private long returned;

	private boolean exhausted;

	TaggedContactReader(TagMembers tagMembers, long run, DownloadPlan plan) {
		this.tagMembers = tagMembers;
		this.run = run;
		this.tagByTag = plan.kind() == DownloadPlan.Kind.TAG_BY_TAG;
	}

	@Override
	public void open(ExecutionContext context) {
		this.after = context.getLong(AFTER, 0L);
		this.returned = this.after;
		this.exhausted = !this.tagByTag;
	}

	@Override
	public @Nullable Long read() {
		while (this.page.isEmpty() && !this.exhausted) {
			TagMembers.Page next = this.tagMembers.differingAfter(this.run, this.after, PAGE);
			this.page.addAll(next.ids());
			if (!next.ids().isEmpty()) {
				this.after = next.ids().get(next.ids().size() - 1);
			}
			this.exhausted = next.last();
		}
		Long id = this.page.poll();
		if (id != null) {
			this.returned = id;
		}
		return id;
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(AFTER, this.returned);
	}

}
