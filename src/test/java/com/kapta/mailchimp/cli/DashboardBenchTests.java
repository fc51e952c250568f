package com.kapta.mailchimp.cli;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.TestHomes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./run.sh bench dashboard} on a small history: it records the runs, asks the Jobs
 * page and the API with every filter over HTTP (each answering 200, or the bench fails),
 * and prints a line of figures per filter against its target. The figures at 100 000 runs
 * are in docs/benchmarks.md, measured, not asserted here.
 */
class DashboardBenchTests {

	private static final Pattern LINE = Pattern.compile(
			"(?m)^bench dashboard=(\\w+) runs=500 p50_ms=\\d+ p95_ms=\\d+ max_ms=\\d+ target_p95_ms=(300|1000) \\((met|missed)\\)$");

	@Test
	void everyFilterIsAskedAndMeasured() {
		Path data = TestHomes.reset("DashboardBenchTests").resolve("data");
		CliRun bench = CliRun.run(data, "bench", "dashboard", "--runs", "500");

		assertThat(bench.out()).contains("Recorded 500 runs in ");
		Matcher lines = LINE.matcher(bench.out());
		int count = 0;
		while (lines.find()) {
			count++;
			assertThat(lines.group(2)).isEqualTo(lines.group(1).startsWith("page_file")
					|| lines.group(1).equals("page_tag") || lines.group(1).equals("page_no_match") ? "1000" : "300");
		}
		assertThat(count).as(bench.out() + bench.err()).isEqualTo(11);
		assertThat(bench.exitCode()).as("0 when every target is met, 1 otherwise").isIn(0, 1);
		assertThat(CliRun.run(data, "bench", "dashboard", "--runs", "0").exitCode()).isEqualTo(2);
	}

}
