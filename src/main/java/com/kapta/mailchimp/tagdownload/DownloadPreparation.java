package com.kapta.mailchimp.tagdownload;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.kapta.mailchimp.audience.AudienceResolver;
import com.kapta.mailchimp.batch.JobSessions;
import com.kapta.mailchimp.mailchimp.BulkCalls;
import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.MemberQuery;
import com.kapta.mailchimp.mailchimp.Segment;

/**
 * Refreshes Kapta's copy of the audience's tags (on the remembered audience id: no call
 * to find it), counts its members, and chooses how to read them ({@link DownloadPlan}):
 * two calls side by side, three when tag by tag may run (the members changed since the
 * last download are counted: side by side with the others when tag by tag won on the last
 * download's counts, after them when it may win only on tonight's).
 */
class DownloadPreparation implements Tasklet {

	private static final String MEMBERS = "download.members";

	private static final String CHANGED = "download.changed";

	private static final String TAG_MEMBERS = "download.tagMembers";

	private final JobSessions sessions;

	private final AudienceResolver audience;

	private final LastDownload lastDownload;

	private final TagMembers tagMembers;

	private final DownloadParameters parameters;

	private final Duration fullScanEvery;

	DownloadPreparation(JobSessions sessions, AudienceResolver audience, LastDownload lastDownload,
			TagMembers tagMembers, DownloadParameters parameters, Duration fullScanEvery) {
		this.sessions = sessions;
		this.audience = audience;
		this.lastDownload = lastDownload;
		this.tagMembers = tagMembers;
		this.parameters = parameters;
		this.fullScanEvery = fullScanEvery;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
		MailchimpClient client = this.sessions.client(job);
		LastDownload.Last last = this.lastDownload.find().orElse(null);
		Instant lastStart = (last != null) ? last.started() : null;
		Instant now = Instant.now();
		// the changed members are counted side by side with the rest when tag by tag
		// won on the last download's counts (a night the full scan wins spends no call
		// on them), or after the rest when it may win on tonight's
		DownloadPlan.Inputs lastCounts = (last != null)
				? inputs(last.members(), last.tagMembers().values(), lastStart, now) : null;
		Instant changedSince = (lastCounts != null && mayReadTagByTag(lastCounts)) ? lastCounts.changedSince() : null;
		Audience counted = this.audience.withAudience(client, (id) -> counted(client, id, changedSince));
		List<Segment> tags = counted.tags();
		int members = counted.members();
		var inputs = inputs(members,
				tags.stream().map((tag) -> (tag.memberCount() != null) ? tag.memberCount().longValue() : 0L).toList(),
				lastStart, now);
		long changed;
		if (counted.changed() != null) {
			changed = counted.changed();
		}
		else {
			changed = mayReadTagByTag(inputs) ? changedCount(client, counted.audienceId(), inputs.changedSince()) : 0;
		}
		DownloadPlan plan = DownloadPlan.choose(inputs, changed);
		plan.store(job.getExecutionContext());
		job.getExecutionContext().putInt(MEMBERS, members);
		job.getExecutionContext().putLong(CHANGED, changed);
		job.getExecutionContext()
			.putString(TAG_MEMBERS,
					tags.stream()
						.map((tag) -> tag.id() + ":" + ((tag.memberCount() != null) ? tag.memberCount() : 0))
						.collect(Collectors.joining(",")));
		this.sessions.progress(job)
			.total((plan.kind() == DownloadPlan.Kind.TAG_BY_TAG)
					? inputs.tagMembers().stream().mapToLong(Long::longValue).sum() + changed : members);
		this.tagMembers.removeEnded();
		return RepeatStatus.FINISHED;
	}

	/**
	 * The audience's tags with their member counts, its member count, and how many
	 * members changed since the last download ({@code null}: not asked).
	 */
	private record Audience(String audienceId, List<Segment> tags, int members, @Nullable Long changed) {
	}

	/**
	 * The tags, the member count and, when asked, the members changed since then, side by
	 * side: a second less before the reading starts for each, at a second a call.
	 */
	private Audience counted(MailchimpClient client, String audienceId, @Nullable Instant changedSince) {
		try (BulkCalls calls = new BulkCalls(2)) {
			CompletableFuture<Integer> members = calls.ahead(() -> client.members(audienceId, 0, 1).totalItems());
			CompletableFuture<Long> changed = (changedSince != null)
					? calls.ahead(() -> changedCount(client, audienceId, changedSince))
					: CompletableFuture.completedFuture(null);
			List<Segment> tags = this.audience.refreshSegments(client, audienceId);
			return new Audience(audienceId, tags, BulkCalls.answer(members), BulkCalls.answer(changed));
		}
	}

	private DownloadPlan.Inputs inputs(long members, Collection<Long> tagMembers, @Nullable Instant lastStart,
			Instant now) {
		return new DownloadPlan.Inputs(members, tagMembers, lastStart, now, this.fullScanEvery, this.parameters.full());
	}

	/**
	 * Whether tag by tag wins on these counts before the changed members are counted
	 * (they only add to its cost).
	 */
	private static boolean mayReadTagByTag(DownloadPlan.Inputs inputs) {
		return DownloadPlan.choose(inputs, 0).kind() == DownloadPlan.Kind.TAG_BY_TAG;
	}

	private static long changedCount(MailchimpClient client, String audienceId, Instant since) {
		return client.members(audienceId, MemberQuery.statusesChangedSince(since), 0, 1, false).totalItems();
	}

	/** How many members changed since the last download (counted for tag by tag only). */
	static long changed(JobExecution job) {
		return job.getExecutionContext().getLong(CHANGED, 0L);
	}

	/**
	 * Each tag's member count when the run was prepared, by tag id, in Mailchimp's order.
	 */
	static Map<Long, Long> tagMembers(JobExecution job) {
		Map<Long, Long> counts = new LinkedHashMap<>();
		String text = job.getExecutionContext().getString(TAG_MEMBERS, "");
		for (String pair : text.split(",")) {
			if (!pair.isEmpty()) {
				String[] idAndCount = pair.split(":");
				counts.put(Long.parseLong(idAndCount[0]), Long.parseLong(idAndCount[1]));
			}
		}
		return counts;
	}

	/**
	 * How many members the plain list had when the run was prepared (0 for a run prepared
	 * before downloads counted them).
	 */
	static int members(JobExecution job) {
		return job.getExecutionContext().getInt(MEMBERS, 0);
	}

}
