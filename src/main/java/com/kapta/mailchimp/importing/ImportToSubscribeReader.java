package com.kapta.mailchimp.importing;

import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import com.kapta.mailchimp.importing.ImportStage.Staged;

/**
 * The staged rows whose contact is to join the audience, in pages by email, keeping the
 * last email handed out with each committed chunk: a restart resumes after it. A dry run
 * stages no one to subscribe, so none is looked for (a look through all its staged rows).
 */
class ImportToSubscribeReader implements ItemStreamReader<Staged> {

	private static final String AFTER = "importToSubscribe.after";

	private final ImportStage stage;

	private final long run;

	private final int pageSize;

	private final boolean dryRun;

	private final Deque<Staged> page = new ArrayDeque<>();

	private String after = "";

	ImportToSubscribeReader(ImportStage stage, long run, int pageSize, boolean dryRun) {
		this.stage = stage;
		this.run = run;
		this.pageSize = pageSize;
		this.dryRun = dryRun;
	}

	@Override
	public void open(ExecutionContext context) {
		this.after = context.getString(AFTER, "");
	}

	@Override
	public @Nullable Staged read() {
		if (this.page.isEmpty() && !this.dryRun) {
			this.page.addAll(this.stage.toSubscribe(this.run, this.after, this.pageSize));
		}
		Staged next = this.page.poll();
		if (next != null) {
			this.after = next.email();
		}
		return next;
	}

	@Override
	public void update(ExecutionContext context) {
		// called before each commit, once the items handed out so far are written
		context.putString(AFTER, this.after);
	}

}
