package com.kapta.mailchimp.cli;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.TestHomes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./run.sh bench download} on an audience of a given shape: a first download, then
 * the nightly one, which reads tag by tag when few members are tagged and the full scan
 * when all are; it prints the reading, the calls against that reading's minimum and the
 * wall time against the bound. The figures at a million members are in
 * docs/benchmarks.md, measured, not asserted here.
 */
class DownloadPlanBenchTests {

	private static final Pattern LINE = Pattern.compile("(?m)^bench job=download-plan items=(\\d+) reading=\"([^\"]+)\""
			+ " calls=(\\d+) min_calls=(\\d+) wall_s=\\S+ bound_s=\\S+ target_calls=(\\d+) \\((met|missed)\\)");

	@Test
	void theNightlyDownloadReadsTagByTagWhenFewMembersAreTaggedAndTheFullScanWhenAllAre() {
		Path data = TestHomes.reset("DownloadPlanBenchTests").resolve("data");

		// 3 lists of 500 members, 50 changed, the archived pass: 5 calls against 11 pages
		CliRun few = CliRun.run(data, "bench", "download", "--contacts", "10000", "--tags", "3", "--tagged-share",
				"0.05", "--changed-share", "0.005", "--latency-ms", "0");
		Matcher line = LINE.matcher(few.out());
		assertThat(line.find()).as(few.out() + few.err()).isTrue();
		assertThat(line.group(1)).isEqualTo("10000");
		assertThat(line.group(2)).startsWith("tag by tag: about 5 calls tag by tag, 11 for a full scan");
		assertThat(Long.parseLong(line.group(3))).as("its calls").isLessThanOrEqualTo(Long.parseLong(line.group(5)));
		assertThat(line.group(4)).isEqualTo("5");
		assertThat(few.exitCode()).as("0 when the promises are met").isZero();

		CliRun all = CliRun.run(data, "bench", "download", "--contacts", "3000", "--tags", "2", "--tagged-share", "1",
				"--latency-ms", "0");
		line = LINE.matcher(all.out());
		assertThat(line.find()).as(all.out() + all.err()).isTrue();
		assertThat(line.group(2)).startsWith("full scan: about");
		assertThat(line.group(4)).as("its pages and the archived pass").isEqualTo("4");
		assertThat(all.exitCode()).isZero();

		assertThat(CliRun.run(data, "bench", "download", "--tagged-share", "0").exitCode()).isEqualTo(2);
		assertThat(CliRun.run(data, "bench", "download", "--changed-share", "1.5").exitCode()).isEqualTo(2);
		assertThat(data).as("the user's own data is not touched").doesNotExist();
	}

}
