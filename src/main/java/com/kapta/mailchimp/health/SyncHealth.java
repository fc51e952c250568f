package com.kapta.mailchimp.health;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import com.kapta.mailchimp.batch.JobHistory;
import com.kapta.mailchimp.batch.JobHistory.JobRun;
import com.kapta.mailchimp.batch.RunFilter;
import com.kapta.mailchimp.contact.Outbox;
import com.kapta.mailchimp.mailchimp.LastAnswer;

/** What the people who run the night look at first. */
@Component
public class SyncHealth {

	private static final String DOWNLOAD = "downloadTags";

	/**
	 * The integration at a glance.
	 *
	 * @param lastDownload the last Download To Kapta that ended (nightly or launched)
	 * @param lastGoodDownload when the last one that completed started
	 * @param waiting Kapta's changes waiting to be sent to Mailchimp
	 * @param failed changes Mailchimp refused for good
	 * @param mailchimp this process's last call to Mailchimp, if any
	 */
	public record Glance(@Nullable JobRun lastDownload, @Nullable LocalDateTime lastGoodDownload, long waiting,
			long failed, LastAnswer.@Nullable Seen mailchimp) {

		/** Whether anything here needs someone to look. */
		public boolean worrying() {
			return (this.lastDownload != null && this.lastDownload.status().isUnsuccessful()) || this.failed > 0
					|| (this.mailchimp != null && !this.mailchimp.answered());
		}

	}

	private final JobHistory history;

	private final Outbox outbox;

	SyncHealth(JobHistory history, Outbox outbox) {
		this.history = history;
		this.outbox = outbox;
	}

	public Glance glance() {
		List<JobRun> ended = this.history.find(new RunFilter(DOWNLOAD, null, null, null, null, null), 20)
			.stream()
			.filter((run) -> !run.status().isRunning())
			.toList();
		Optional<JobRun> good = ended.stream().filter((run) -> run.status().name().equals("COMPLETED")).findFirst();
		if (good.isEmpty() && !ended.isEmpty()) {
			good = this.history.find(new RunFilter(DOWNLOAD, "COMPLETED", null, null, null, null), 1)
				.stream()
				.findFirst();
		}
		Outbox.Counts changes = this.outbox.counts();
		return new Glance(ended.isEmpty() ? null : ended.get(0), good.map(JobRun::started).orElse(null),
				changes.pending(), changes.failed(), LastAnswer.latest().orElse(null));
	}

}
