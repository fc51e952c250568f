package com.kapta.mailchimp.cli;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.TestHomes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./run.sh bench webhook} on a few events: a whole service registers its webhook
 * on the sandbox, the bench delivers signed events (every one answered 2xx, or the bench
 * fails) and prints the acceptance figures against the target, then what the worker
 * applied. The figures at 10 000 events are in docs/benchmarks.md, measured, not asserted
 * here.
 */
class WebhookBenchTests {

	private static final Pattern ACCEPTED = Pattern.compile("(?m)^webhook-bench events=400 senders=4 contacts=100"
			+ " accepted_per_s=\\d+ p50_ms=\\d+ p95_ms=\\d+ p99_ms=\\d+ max_ms=\\d+ not_2xx=0 target_per_s=500"
			+ " target_p99_ms=50 \\((met|missed)\\)$");

	private static final Pattern APPLIED = Pattern
		.compile("(?m)^webhook-bench (\\d+) of (\\d+) stored events applied [0-9.]+ s after the first");

	@Test
	void deliversSignedEventsAndMeasuresTheirAcceptanceAndApplication() {
		Path data = TestHomes.reset("WebhookBenchTests").resolve("data");
		CliRun bench = CliRun.run(data, "bench", "webhook", "--contacts", "100", "--events", "400", "--senders", "4",
				"--latency-ms", "0");

		assertThat(ACCEPTED.matcher(bench.out()).find()).as(bench.out() + bench.err()).isTrue();
		Matcher applied = APPLIED.matcher(bench.out());
		assertThat(applied.find()).as(bench.out()).isTrue();
		assertThat(applied.group(1)).as("all applied within the minute at no latency").isEqualTo(applied.group(2));
		assertThat(bench.exitCode()).as("0 when the targets are met, 1 otherwise").isIn(0, 1);
		assertThat(CliRun.run(data, "bench", "webhook", "--senders", "0").exitCode()).isEqualTo(2);
	}

}
