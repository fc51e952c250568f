package com.kapta.mailchimp.health;

import java.time.LocalDateTime;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.KaptaJob;
import com.kapta.mailchimp.batch.JobHistory;
import com.kapta.mailchimp.batch.JobHistory.JobRun;
import com.kapta.mailchimp.batch.RunFilter;
import com.kapta.mailchimp.contact.Outbox;
import com.kapta.mailchimp.mailchimp.LastAnswer;

/** What the people who run the night look at first. */
@Component
public class SyncHealth {

	private static final String DOWNLOAD = KaptaJob.DOWNLOAD_TAGS.jobName();

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
		// one run of a job goes at a time: of the two newest, one has ended
		Optional<JobRun> last = this.history.find(RunFilter.of(DOWNLOAD, null), 2)
			.stream()
			.filter((run) -> !run.status().isRunning())
			.findFirst();
		Optional<JobRun> good = this.history.find(RunFilter.of(DOWNLOAD, BatchStatus.COMPLETED.name()), 1)
			.stream()
			.findFirst();
		Outbox.Counts changes = this.outbox.counts();
		return new Glance(last.orElse(null), good.map(JobRun::started).orElse(null), changes.pending(),
				changes.failed(), LastAnswer.latest().orElse(null));
	}

}
