package com.kapta.mailchimp.upload;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import com.kapta.mailchimp.batch.Progress;
import com.kapta.mailchimp.batch.RunOutcomes;
import com.kapta.mailchimp.batch.RunOutcomes.Outcome;
import com.kapta.mailchimp.mailchimp.MailchimpClient;

/**
 * A dry run's chunk: asks Mailchimp only reads (one member look-up per contact) and
 * records what an upload would do; neither Mailchimp nor Kapta's contacts change.
 */
class UploadDryRunWriter implements ItemWriter<UploadCandidate> {

	private final MailchimpClient client;

	private final String audienceId;

	private final long jobInstanceId;

	private final RunOutcomes outcomes;

	private final Progress progress;

	UploadDryRunWriter(MailchimpClient client, String audienceId, long jobInstanceId, RunOutcomes outcomes,
			Progress progress) {
		this.client = client;
		this.audienceId = audienceId;
		this.jobInstanceId = jobInstanceId;
		this.outcomes = outcomes;
		this.progress = progress;
	}

	@Override
	public void write(Chunk<? extends UploadCandidate> chunk) {
		List<Outcome> found = new ArrayList<>();
		for (UploadCandidate candidate : chunk) {
			if (candidate.doNotSubscribe() != null) {
				found.add(UploadOutcome.skipped(candidate));
				continue;
			}
			found.add(this.client.member(this.audienceId, candidate.email())
				.map((member) -> Outcome.of(candidate.email(), UploadOutcome.ALREADY_ON_MAILCHIMP,
						"status " + member.status()))
				.orElseGet(() -> Outcome.of(candidate.email(), UploadOutcome.WOULD_ADD, null)));
		}
		this.outcomes.record(this.jobInstanceId, found);
		this.progress.advance(chunk.size());
	}

}
