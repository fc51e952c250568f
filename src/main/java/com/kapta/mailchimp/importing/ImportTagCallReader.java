package com.kapta.mailchimp.importing;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.TagCall;

/**
 * The staged tag changes as the calls that send them, tag after tag: each call up to 500
 * additions and 500 removals of one tag, so a tag takes as many calls as its larger side
 * needs, across the whole sheet. Restartable: where it stands (the tag, and the last
 * email of each side handed out) is kept with each committed chunk.
 */
class ImportTagCallReader implements ItemStreamReader<TagCall<StagedChange>> {

	private static final String TAG = "importTags.tag";

	private static final String AFTER_ADD = "importTags.afterAdd";

	private static final String AFTER_REMOVE = "importTags.afterRemove";

	private static final int PER_CALL = MailchimpClient.MAX_MEMBERS_PER_WRITE;

	private final ImportStage stage;

	private final long run;

	/** The tag being read; {@code ""} before the first, null after the last. */
	private @Nullable String tag = "";

	private String afterAdd = "";

	private String afterRemove = "";

	ImportTagCallReader(ImportStage stage, long run) {
		this.stage = stage;
		this.run = run;
	}

	@Override
	public void open(ExecutionContext context) {
		if (context.containsKey(TAG)) {
			this.tag = context.getString(TAG);
			this.afterAdd = context.getString(AFTER_ADD);
			this.afterRemove = context.getString(AFTER_REMOVE);
		}
	}

	@Override
	public @Nullable TagCall<StagedChange> read() {
		while (this.tag != null) {
			if (!this.tag.isEmpty()) {
				List<StagedChange> add = this.stage.changes(this.run, this.tag, true, this.afterAdd, PER_CALL);
				List<StagedChange> remove = this.stage.changes(this.run, this.tag, false, this.afterRemove, PER_CALL);
				if (!add.isEmpty() || !remove.isEmpty()) {
					this.afterAdd = add.isEmpty() ? this.afterAdd : add.get(add.size() - 1).email();
					this.afterRemove = remove.isEmpty() ? this.afterRemove : remove.get(remove.size() - 1).email();
					return new TagCall<>(this.tag, add, remove);
				}
			}
			this.tag = this.stage.nextTag(this.run, this.tag);
			this.afterAdd = "";
			this.afterRemove = "";
		}
		return null;
	}

	@Override
	public void update(ExecutionContext context) {
		if (this.tag != null) {
			context.putString(TAG, this.tag);
			context.putString(AFTER_ADD, this.afterAdd);
			context.putString(AFTER_REMOVE, this.afterRemove);
		}
		else {
			context.remove(TAG);
		}
	}

}
