package com.kapta.mailchimp.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench line says which of issue 19's promises a job kept. */
@Tag("fast")
class BenchFiguresTests {

	@Test
	void atASecondPerCallTheWallMayTakeOneAndATenthOfTheBoundPlusFiveSeconds() {
		var kept = new BenchFigures("import", 100_000, 68, 67, 12.4, 1000, 600);
		var missed = new BenchFigures("import", 100_000, 68, 67, 12.6, 1000, 600);

		assertThat(kept.line())
			.endsWith("bound_s=6.8 ratio=1.82 peak_heap_mb=600 target_wall_s=12.5 (met) " + "target_calls=72 (met)");
		assertThat(missed.line()).contains("target_wall_s=12.5 (missed)");
	}

	@Test
	void atShorterLatenciesOneAndThreeTenthsPlusTenSecondsAndCallsWithinFivePercentPlusTwo() {
		var line = new BenchFigures("upload", 100_000, 424, 401, 10.1, 100, 400).line();

		assertThat(line).contains("target_wall_s=15.5 (met) target_calls=423 (missed)");
	}

	@Test
	void aJobWithoutCallsHasNoTargets() {
		assertThat(new BenchFigures("export", 100_000, 0, 1, 2.0, 100, 600).line())
			.endsWith("ratio=- peak_heap_mb=600 target_wall_s=- target_calls=-");
	}

}
