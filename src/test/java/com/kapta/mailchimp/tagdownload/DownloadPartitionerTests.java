package com.kapta.mailchimp.tagdownload;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The download's ranges, without Spring: whole pages, no gaps, the last one open. */
@Tag("fast")
class DownloadPartitionerTests {

	@Test
	void tenPagesGoOnePerPartitionAndTheLastRunsToTheEnd() {
		List<DownloadPartitioner.Range> ranges = fullScan(10_000, 10);

		assertThat(ranges).hasSize(11);
		assertThat(ranges.subList(0, 10)).extracting(DownloadPartitioner.Range::from)
			.containsExactly(0, 1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 7_000, 8_000, 9_000);
		assertThat(ranges.get(9).to()).as("members added meanwhile are read too").isEqualTo(-1);
		assertThat(ranges.get(10)).isEqualTo(new DownloadPartitioner.Range("archived", 0, -1));
	}

	@Test
	void rangesAreWholePagesThatMeetWithoutGapsOrOverlaps() {
		List<DownloadPartitioner.Range> ranges = fullScan(23_456, 10);

		for (int i = 0; i < 9; i++) {
			assertThat(ranges.get(i).to()).isEqualTo(ranges.get(i + 1).from());
			assertThat(ranges.get(i).from() % 1_000).isZero();
			assertThat(ranges.get(i).counted()).isTrue();
		}
		assertThat(ranges.get(0).from()).isZero();
	}

	@Test
	void aSmallAudienceOpensNoIdlePartitions() {
		assertThat(fullScan(0, 10)).containsExactly(new DownloadPartitioner.Range(null, 0, -1),
				new DownloadPartitioner.Range("archived", 0, -1));
		assertThat(ranges(2_500, 10)).hasSize(4);
		assertThat(ranges(1_000, 10)).hasSize(2);
	}

	@Test
	void aRangeSurvivesItsStepsContext() {
		var range = new DownloadPartitioner.Range("archived", 2_000, 3_000);

		assertThat(DownloadPartitioner.Range.of(range.context())).isEqualTo(range);
		assertThat(DownloadPartitioner.Range.of(new DownloadPartitioner.Range(null, 0, -1).context()).status())
			.isNull();
	}

	@Test
	void tagByTagReadsEachTagsListTheChangedMembersAndTheArchivedOnes() {
		Instant since = Instant.parse("2026-12-06T02:00:00Z");
		var plan = new DownloadPlan(DownloadPlan.Kind.TAG_BY_TAG, 1_001, 160, since, "cheaper");
		var counts = new LinkedHashMap<Long, Long>();
		counts.put(11L, 100L);
		counts.put(12L, 900L);
		counts.put(13L, 10L);
		List<DownloadPartitioner.Range> ranges = inListOrder(
				new DownloadPartitioner(1_000_000, plan, counts, 200).partition(10));

		assertThat(ranges).containsExactly(new DownloadPartitioner.Range(null, 0, -1, 11L, null),
				new DownloadPartitioner.Range(null, 0, -1, 12L, null),
				new DownloadPartitioner.Range(null, 0, -1, 13L, null),
				new DownloadPartitioner.Range(null, 0, -1, null, since.getEpochSecond()),
				new DownloadPartitioner.Range("archived", 0, -1));
		assertThat(ranges).extracting(DownloadPartitioner.Range::mode)
			.containsExactly(MemberTagWriter.Mode.TAG_MEMBERS, MemberTagWriter.Mode.TAG_MEMBERS,
					MemberTagWriter.Mode.TAG_MEMBERS, MemberTagWriter.Mode.STATUSES, MemberTagWriter.Mode.TAGS);
		assertThat(ranges.get(0).totalIsTrue()).as("a tag's total_items undercounts").isFalse();
		assertThat(ranges.get(3).totalIsTrue()).isTrue();
		assertThat(ranges.get(0).query().tagId()).isEqualTo(11L);
		assertThat(ranges.get(3).query().changedSince()).isEqualTo(since);
	}

	/**
	 * Tag by tag, the lists' pages go in ranges of a few pages, about eight per thread,
	 * so that every thread reads to the end; a list's last range is open.
	 */
	@Test
	void largeListsAreReadInRangesSideBySide() {
		var plan = new DownloadPlan(DownloadPlan.Kind.TAG_BY_TAG, 1_001, 160, Instant.EPOCH, "cheaper");
		var counts = new LinkedHashMap<Long, Long>();
		counts.put(11L, 50_000L);
		counts.put(12L, 50_000L);
		counts.put(13L, 50_000L);
		List<DownloadPartitioner.Range> ranges = inListOrder(
				new DownloadPartitioner(1_000_000, plan, counts, 5_000).partition(10));

		// 155 pages over about 80 ranges: 2 pages each
		assertThat(ranges).filteredOn((range) -> Long.valueOf(11L).equals(range.tagId()))
			.extracting(DownloadPartitioner.Range::from, DownloadPartitioner.Range::to)
			.startsWith(tuple(0, 2_000), tuple(2_000, 4_000))
			.endsWith(tuple(46_000, 48_000), tuple(48_000, -1))
			.hasSize(25);
		assertThat(ranges).filteredOn((range) -> range.changedSince() != null)
			.containsExactly(new DownloadPartitioner.Range(null, 0, 2_000, null, 0L),
					new DownloadPartitioner.Range(null, 2_000, 4_000, null, 0L),
					new DownloadPartitioner.Range(null, 4_000, -1, null, 0L));
		assertThat(ranges).hasSize(3 * 25 + 3 + 1);
	}

	/**
	 * The partitions whose length is unknown start first, so that none of them is left to
	 * the end with the other threads idle.
	 */
	@Test
	void thePartitionsThatReadToTheEndOfTheirListsStartFirst() {
		var plan = new DownloadPlan(DownloadPlan.Kind.TAG_BY_TAG, 1_001, 160, Instant.EPOCH, "cheaper");
		var counts = new LinkedHashMap<Long, Long>();
		counts.put(11L, 50_000L);
		counts.put(12L, 3_000L);
		List<DownloadPartitioner.Range> started = new DownloadPartitioner(1_000_000, plan, counts, 2_500).partition(10)
			.values()
			.stream()
			.map(DownloadPartitioner.Range::of)
			.toList();

		assertThat(started.subList(0, 4)).containsExactly(new DownloadPartitioner.Range("archived", 0, -1),
				new DownloadPartitioner.Range(null, 49_000, -1, 11L, null),
				new DownloadPartitioner.Range(null, 2_000, -1, 12L, null),
				new DownloadPartitioner.Range(null, 2_000, -1, null, 0L));
		assertThat(started.subList(4, started.size())).allSatisfy((range) -> assertThat(range.to()).isPositive());
		assertThat(ranges(10_000, 10).get(0).to()).as("a full scan's last range").isEqualTo(-1);
	}

	/** The full scan's ranges in list order. */
	private static List<DownloadPartitioner.Range> fullScan(int members, int gridSize) {
		return inListOrder(fullScanContexts(members, gridSize));
	}

	/** The full scan's ranges as the partitioner orders them to start. */
	private static List<DownloadPartitioner.Range> ranges(int members, int gridSize) {
		return fullScanContexts(members, gridSize).values().stream().map(DownloadPartitioner.Range::of).toList();
	}

	private static Map<String, ExecutionContext> fullScanContexts(int members, int gridSize) {
		var plan = new DownloadPlan(DownloadPlan.Kind.FULL_SCAN, 1, -1, null, "first");
		return new DownloadPartitioner(members, plan, Map.of(), 0).partition(gridSize);
	}

	/**
	 * The ranges in the order of their lists: each tag's, the changed members', the
	 * audience's from its start; the archived last.
	 */
	private static List<DownloadPartitioner.Range> inListOrder(Map<String, ExecutionContext> contexts) {
		return contexts.values()
			.stream()
			.map(DownloadPartitioner.Range::of)
			.sorted(Comparator.comparing((DownloadPartitioner.Range range) -> range.status() != null)
				.thenComparing(DownloadPartitioner.Range::tagId, Comparator.nullsLast(Comparator.naturalOrder()))
				.thenComparing(DownloadPartitioner.Range::changedSince, Comparator.nullsLast(Comparator.naturalOrder()))
				.thenComparing(DownloadPartitioner.Range::from))
			.toList();
	}

}
