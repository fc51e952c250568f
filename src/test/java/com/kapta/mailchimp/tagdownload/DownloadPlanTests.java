package com.kapta.mailchimp.tagdownload;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Which reading a download chooses, from the counts Mailchimp gives, without Spring. */
@Tag("fast")
class DownloadPlanTests {

	private static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");

	private static final Instant YESTERDAY = NOW.minus(Duration.ofDays(1));

	private static final Duration WEEK = Duration.ofDays(7);

	@Test
	void aMillionMembersWithThreeTagsOnFivePercentAreReadTagByTag() {
		var inputs = new DownloadPlan.Inputs(1_000_000, List.of(50_000L, 50_000L, 50_000L), YESTERDAY, NOW, WEEK,
				false);

		DownloadPlan plan = DownloadPlan.choose(inputs, 5_000);

		assertThat(plan.kind()).isEqualTo(DownloadPlan.Kind.TAG_BY_TAG);
		// 3 × (55 000 / 1000 + 1) + (5 000 / 1000 + 1) + the archived pass
		assertThat(plan.tagByTagCalls()).isEqualTo(3 * 56 + 6 + 1);
		assertThat(plan.fullScanCalls()).isEqualTo(1_001);
		assertThat(plan.changedSince()).as("the last start, less the overlap")
			.isEqualTo(YESTERDAY.minus(DownloadPlan.CHANGES_OVERLAP));
		assertThat(plan.words()).isEqualTo("tag by tag: about 175 calls tag by tag, 1001 for a full scan");
	}

	@Test
	void whenEveryMemberIsTaggedTheFullScanIsCheaper() {
		var inputs = new DownloadPlan.Inputs(1_000_000, Collections.nCopies(3, 1_000_000L), YESTERDAY, NOW, WEEK,
				false);

		DownloadPlan plan = DownloadPlan.choose(inputs, 5_000);

		assertThat(plan.kind()).isEqualTo(DownloadPlan.Kind.FULL_SCAN);
		assertThat(plan.tagByTagCalls()).isGreaterThan(plan.fullScanCalls());
		assertThat(plan.changedSince()).isNull();
		assertThat(plan.words()).startsWith("full scan: about ");
	}

	@Test
	void withoutARecentCompletedDownloadOrWhenAskedTheFullScanRuns() {
		List<Long> fewTagged = List.of(10L);
		assertThat(DownloadPlan.choose(new DownloadPlan.Inputs(100_000, fewTagged, null, NOW, WEEK, false), 0).words())
			.isEqualTo("full scan: no completed download yet: tag by tag reads only the changes since the last one");
		var weekOld = new DownloadPlan.Inputs(100_000, fewTagged, NOW.minus(Duration.ofDays(8)), NOW, WEEK, false);
		assertThat(weekOld.tagByTagAllowed()).isFalse();
		assertThat(DownloadPlan.choose(weekOld, 0).words()).startsWith("full scan: the last completed download started")
			.endsWith("more than 7 days ago (kapta.download.full-scan-every)");
		var forced = new DownloadPlan.Inputs(100_000, fewTagged, YESTERDAY, NOW, WEEK, true);
		assertThat(forced.tagByTagAllowed()).isFalse();
		assertThat(DownloadPlan.choose(forced, 0).words()).isEqualTo("full scan: asked for (--full)");
		assertThat(
				DownloadPlan.choose(new DownloadPlan.Inputs(100_000, fewTagged, YESTERDAY, NOW, WEEK, false), 0).kind())
			.isEqualTo(DownloadPlan.Kind.TAG_BY_TAG);
	}

	@Test
	void aTagsListIsReadToAShortPageWithAMarginForWhatItsCountLeavesOut() {
		assertThat(DownloadPlan.tagCalls(0)).as("one empty page").isEqualTo(1);
		assertThat(DownloadPlan.tagCalls(900)).as("990 with the margin: one short page").isEqualTo(1);
		assertThat(DownloadPlan.tagCalls(1_000)).as("1 100 with the margin").isEqualTo(2);
		assertThat(DownloadPlan.tagCalls(50_000)).isEqualTo(56);
	}

	@Test
	void thePlanSurvivesTheJobsContextAndARunFromBeforePlansIsAFullScan() {
		var plan = new DownloadPlan(DownloadPlan.Kind.TAG_BY_TAG, 1_001, 175, Instant.parse("2026-12-06T01:50:00Z"),
				"cheaper");
		var context = new ExecutionContext();
		plan.store(context);

		assertThat(DownloadPlan.of(context)).isEqualTo(plan);
		assertThat(DownloadPlan.of(new ExecutionContext()).kind()).isEqualTo(DownloadPlan.Kind.FULL_SCAN);
	}

}
