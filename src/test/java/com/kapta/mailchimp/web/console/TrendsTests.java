package com.kapta.mailchimp.web.console;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;

import com.kapta.mailchimp.batch.JobHistory.JobRun;

import static org.assertj.core.api.Assertions.assertThat;

/** The Jobs page's trends from a job's runs, without a server. */
@Tag("fast")
class TrendsTests {

	@Test
	void aRunOverTwiceTheMedianDurationIsMarkedAndEachMeasureHasItsMedian() {
		List<JobRun> runs = List.of(run(1, 2_000, 100, "12"), run(2, 2_200, 120, "14 (2 retried)"),
				run(3, 1_800, 80, "10"), run(4, 9_000, 110, "40 (30 retried)"), run(5, 2_100, 100, null));

		List<Trends.Series> series = Trends.of(runs);

		Trends.Series duration = series.get(0);
		assertThat(duration.median()).isEqualTo("2.1 s");
		assertThat(duration.bars()).extracting(Trends.Bar::slow).containsExactly(false, false, false, true, false);
		assertThat(duration.bars().get(3).share()).isEqualTo(1.0);
		assertThat(duration.bars().get(3).label()).isEqualTo("Run 4: 9.0 s, over twice the median");
		assertThat(series.get(1).median()).isEqualTo("100 items");
		assertThat(series.get(2).median()).isEqualTo("12 calls");
		assertThat(series.get(2).bars()).extracting(Trends.Bar::slow).containsOnly(false);
	}

	@Test
	void runsWithNothingToMeasureDrawNoBarTallerThanNothing() {
		List<Trends.Series> series = Trends.of(List.of(run(1, 0, 0, null)));
		assertThat(series).allSatisfy((one) -> assertThat(one.bars()).extracting(Trends.Bar::share).containsOnly(0.0));
	}

	private static JobRun run(long id, long millis, long written, String calls) {
		return new JobRun("upload", id, "", BatchStatus.COMPLETED, LocalDateTime.now(), Duration.ofMillis(millis),
				written, written, 0, calls);
	}

}
