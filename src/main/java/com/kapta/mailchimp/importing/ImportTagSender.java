package com.kapta.mailchimp.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;

import com.kapta.mailchimp.batch.ChunkLedger;
import com.kapta.mailchimp.batch.RunOutcomes;
import com.kapta.mailchimp.mailchimp.BulkCalls;
import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.TagCall;

/**
 * Sends a chunk of staged tag calls side by side within Mailchimp's connection limit,
 * then makes in Kapta, in the chunk's transaction, the changes Mailchimp accepted. A
 * change it refused is a rejected row, with its words.
 */
class ImportTagSender implements ItemWriter<TagCall<StagedChange>>, ItemStream {

	private final MailchimpClient client;

	private final ImportRun run;

	private final ChunkLedger.Books books;

	private final RunOutcomes outcomes;

	private final BulkCalls calls;

	ImportTagSender(MailchimpClient client, ImportRun run, int maxConnections, ChunkLedger.Books books,
			RunOutcomes outcomes) {
		this.client = client;
		this.run = run;
		this.books = books;
		this.outcomes = outcomes;
		this.calls = new BulkCalls(maxConnections);
	}

	@Override
	public void write(Chunk<? extends TagCall<StagedChange>> chunk) {
		ChunkLedger ledger = this.books.open();
		List<StagedChange> changes = new ArrayList<>();
		chunk.forEach((call) -> {
			changes.addAll(call.add());
			changes.addAll(call.remove());
		});
		Map<StagedChange, String> refused = TagCall.send(this.client, this.run.audienceId(), this.run.audienceTags(),
				this.calls, changes);
		refused.forEach((change, error) -> ledger.outcome(
				ImportOutcome.REJECTED.of(change.email(), change.sheetRow(), "tag " + change.tag() + ": " + error)));
		this.run.enforceSkipLimit(this.outcomes, ledger);
		changes.stream().filter((change) -> !refused.containsKey(change)).forEach((change) -> {
			ledger.tag(change.contactId(), change.tag(), change.add());
			ledger.tally(change.add() ? ImportOutcome.TAG_ADDED : ImportOutcome.TAG_REMOVED, change.tag());
		});
		ledger.apply(0);
	}

	@Override
	public void close() {
		this.calls.close();
	}

}
