package com.kapta.mailchimp.importing;

import java.util.List;
import java.util.Map;

import com.kapta.mailchimp.EmailKey;
import com.kapta.mailchimp.batch.ChunkLedger;
import com.kapta.mailchimp.batch.RunOutcomes;
import com.kapta.mailchimp.batch.RunOutcomes.Outcome;
import com.kapta.mailchimp.contact.ContactRepository;
import com.kapta.mailchimp.contact.NewContact;

/**
 * How an import run goes, the same for each of its steps: its audience and tags, the
 * status and sign-up stamp of new members, dry or not, the skip limit.
 */
record ImportRun(long jobInstanceId, String audienceId, Map<String, Long> audienceTags, String newMemberStatus,
		String signupStamp, boolean dryRun, int skipLimit) {

	/**
	 * Fails the run once its skipped and rejected rows, this chunk's included, pass the
	 * limit.
	 */
	void enforceSkipLimit(RunOutcomes outcomes, ChunkLedger ledger) {
		long skipped = outcomes.count(this.jobInstanceId, ImportOutcome.SKIPS) + ledger.count(ImportOutcome.SKIPS);
		if (skipped > this.skipLimit) {
			throw new SkipLimitExceededException(skipped, this.skipLimit);
		}
	}

	/**
	 * Creates those of these contacts that Kapta does not know ({@code ids}, by
	 * {@link EmailKey}), and learns their ids.
	 */
	static void createContacts(ContactRepository contacts, List<NewContact> wanted, Map<String, Long> ids,
			ChunkLedger ledger) {
		List<NewContact> created = wanted.stream().filter((c) -> !ids.containsKey(EmailKey.of(c.email()))).toList();
		if (!created.isEmpty()) {
			ids.putAll(contacts.insertAll(created, ledger.source(), null));
			ledger.outcome(Outcome.count("contacts", ImportOutcome.CREATED_IN_KAPTA, created.size()));
		}
	}

}
