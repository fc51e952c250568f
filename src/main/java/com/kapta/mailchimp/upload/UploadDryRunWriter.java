package com.kapta.mailchimp.upload;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import com.kapta.mailchimp.batch.ChunkLedger;
import com.kapta.mailchimp.batch.RunOutcomes.Outcome;
import com.kapta.mailchimp.mailchimp.MailchimpClient;

/**
 * A dry run's chunk: asks Mailchimp only reads (one member look-up per contact) and
 * records what an upload would do; neither Mailchimp nor Kapta's contacts change.
 */
class UploadDryRunWriter implements ItemWriter<UploadCandidate> {

	private final MailchimpClient client;

	private final String audienceId;

	private final ChunkLedger.Books books;

	UploadDryRunWriter(MailchimpClient client, String audienceId, ChunkLedger.Books books) {
		this.client = client;
		this.audienceId = audienceId;
		this.books = books;
	}

	@Override
	public void write(Chunk<? extends UploadCandidate> chunk) {
		ChunkLedger ledger = this.books.open();
		for (UploadCandidate candidate : chunk) {
			if (candidate.doNotSubscribe() != null) {
				ledger.outcome(UploadOutcome.skipped(candidate));
				continue;
			}
			ledger.outcome(this.client.member(this.audienceId, candidate.email())
				.map((member) -> Outcome.of(candidate.email(), UploadOutcome.ALREADY_ON_MAILCHIMP,
						"status " + member.status()))
				.orElseGet(() -> Outcome.of(candidate.email(), UploadOutcome.WOULD_ADD, null)));
		}
		ledger.apply(chunk.size());
	}

}
