package com.kapta.mailchimp.tagdownload;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.kapta.mailchimp.mailchimp.MemberQuery;

/**
 * Divides the download's reading into partitions read side by side. A full scan: the
 * audience's members in ranges of whole pages, the last range running to the end of the
 * list, so members added meanwhile are read too. Tag by tag: each tag's member list, and
 * the members changed since the last download. Archived members are in neither list: they
 * get a partition of their own, read with {@code status=archived}.
 */
class DownloadPartitioner implements Partitioner {

	static final String ARCHIVED = "archived";

	private static final String STATUS = "status";

	private static final String FROM = "from";

	private static final String TO = "to";

	private static final String TAG = "tagId";

	private static final String SINCE = "changedSince";

	/** Tag by tag: about this many ranges for each thread. */
	private static final long RANGES_PER_THREAD = 8;

	/**
	 * Members from offset {@code from} up to {@code to} (exclusive; -1: to the end of the
	 * list) of one list: the audience's, a tag's, or the changed members'.
	 *
	 * @param status the status the list is read with; {@code null}: every status but
	 * archived
	 * @param from the first member's offset
	 * @param to the offset after the range, or -1 for the end of the list
	 * @param tagId the tag whose member list this is; {@code null}: the audience's
	 * @param changedSince only the members changed after this moment (epoch seconds),
	 * read for their statuses; {@code null}: all
	 */
	record Range(@Nullable String status, int from, int to, @Nullable Long tagId, @Nullable Long changedSince) {

		Range(@Nullable String status, int from, int to) {
			this(status, from, to, null, null);
		}

		/**
		 * Whether the members of this range were counted before the run (progress total).
		 */
		boolean counted() {
			return this.status == null;
		}

		/**
		 * Whether the list's {@code total_items} can end the reading: a tag's undercounts
		 * (live Mailchimp, with the include flags), so only a short page ends it.
		 */
		boolean totalIsTrue() {
			return this.tagId == null;
		}

		/** What the range's pages ask Mailchimp for. */
		MemberQuery query() {
			if (this.tagId != null) {
				return MemberQuery.ofTag(this.tagId);
			}
			if (this.changedSince != null) {
				return MemberQuery.statusesChangedSince(Instant.ofEpochSecond(this.changedSince));
			}
			return MemberQuery.tags(this.status);
		}

		/** What the writer does with the range's members. */
		MemberTagWriter.Mode mode() {
			return (this.tagId != null) ? MemberTagWriter.Mode.TAG_MEMBERS
					: (this.changedSince != null) ? MemberTagWriter.Mode.STATUSES : MemberTagWriter.Mode.TAGS;
		}

		static Range of(ExecutionContext context) {
			return new Range(context.containsKey(STATUS) ? context.getString(STATUS) : null, context.getInt(FROM),
					context.getInt(TO), context.containsKey(TAG) ? context.getLong(TAG) : null,
					context.containsKey(SINCE) ? context.getLong(SINCE) : null);
		}

		ExecutionContext context() {
			var context = new ExecutionContext();
			if (this.status != null) {
				context.putString(STATUS, this.status);
			}
			context.putInt(FROM, this.from);
			context.putInt(TO, this.to);
			if (this.tagId != null) {
				context.putLong(TAG, this.tagId);
			}
			if (this.changedSince != null) {
				context.putLong(SINCE, this.changedSince);
			}
			return context;
		}

	}

	private final int members;

	private final DownloadPlan plan;

	private final Map<Long, Long> tagMembers;

	private final long changed;

	/**
	 * @param members how many members the plain list has (every status but archived)
	 * @param plan the run's reading
	 * @param tagMembers tag by tag: each tag's member count, by tag id
	 * @param changed tag by tag: how many members changed since the last download
	 */
	DownloadPartitioner(int members, DownloadPlan plan, Map<Long, Long> tagMembers, long changed) {
		this.members = members;
		this.plan = plan;
		this.tagMembers = tagMembers;
		this.changed = changed;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
		// first the partitions whose length is not known (they start first): the
		// archived members, and the ranges that read to the end of their list
		contexts.put(ARCHIVED, new Range(ARCHIVED, 0, -1).context());
		if (this.plan.kind() == DownloadPlan.Kind.TAG_BY_TAG) {
			// the lists' pages in ranges of a few, about eight per thread, so the threads
			// stay busy to the end whatever the lists' lengths (with four, the last
			// ranges' four pages left threads idle for seconds at a million members)
			long pages = this.tagMembers.values().stream().mapToLong(DownloadPartitioner::pages).sum()
					+ pages(this.changed);
			long perRange = Math.max(1, (pages + RANGES_PER_THREAD * gridSize - 1) / (RANGES_PER_THREAD * gridSize));
			this.tagMembers.forEach((tagId, count) -> ranges("tag" + tagId + "-", count, perRange,
					(from, to) -> new Range(null, from, to, tagId, null), contexts));
			long since = this.plan.changedSince().getEpochSecond();
			ranges("changed", this.changed, perRange, (from, to) -> new Range(null, from, to, null, since), contexts);
		}
		else {
			fullScan(gridSize, contexts);
		}
		Map<String, ExecutionContext> toTheEnd = new LinkedHashMap<>();
		contexts.forEach((name, context) -> {
			if (Range.of(context).to() < 0) {
				toTheEnd.put(name, context);
			}
		});
		toTheEnd.putAll(contexts);
		return toTheEnd;
	}

	/**
	 * The audience's {@code members} in ranges of whole pages, one per partition, at most
	 * {@code gridSize}; the last range runs to the end of the list, so members added
	 * meanwhile are read too.
	 */
	private void fullScan(int gridSize, Map<String, ExecutionContext> contexts) {
		int pageSize = MemberPageReader.PAGE_SIZE;
		int pages = (int) pages(this.members);
		int partitions = Math.max(1, Math.min(gridSize, pages));
		for (int i = 0; i < partitions; i++) {
			int to = (i == partitions - 1) ? -1 : (i + 1) * pages / partitions * pageSize;
			contexts.put("partition" + i, new Range(null, i * pages / partitions * pageSize, to).context());
		}
	}

	/**
	 * A list of about {@code count} members in ranges of {@code perRange} pages; the last
	 * runs to the end of the list, so members beyond the count are read too.
	 */
	private static void ranges(String name, long count, long perRange, RangeMaker range,
			Map<String, ExecutionContext> contexts) {
		int pageSize = MemberPageReader.PAGE_SIZE;
		long ranges = (pages(count) + perRange - 1) / perRange;
		for (int i = 0; i < ranges; i++) {
			int from = (int) (i * perRange * pageSize);
			int to = (i == ranges - 1) ? -1 : (int) ((i + 1) * perRange * pageSize);
			contexts.put(name + i, range.of(from, to).context());
		}
	}

	@FunctionalInterface
	private interface RangeMaker {

		Range of(int from, int to);

	}

	private static long pages(long members) {
		return Math.max(1, (members + MemberPageReader.PAGE_SIZE - 1) / MemberPageReader.PAGE_SIZE);
	}

}
