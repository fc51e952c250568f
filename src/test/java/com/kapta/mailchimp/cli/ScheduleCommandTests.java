package com.kapta.mailchimp.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.TestHomes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./run.sh schedule …} with no service running: what it lists and keeps for the
 * service's next start, what it refuses in words, and a Run now that no service takes
 * fails instead of firing at some later start. (With a service: {@code ScheduleTests}.)
 */
class ScheduleCommandTests {

	private final Path data = TestHomes.reset("ScheduleCommandTests").resolve("data");

	@Test
	void aPauseIsKeptWithWhoAskedAndShownByList() {
		CliRun listed = CliRun.run(this.data, "schedule", "list");
		assertThat(listed.exitCode()).as(listed.err()).isZero();
		assertThat(listed.out()).containsPattern("(?m)^download-tags +0 0 2 \\* \\* \\* +active ")
			.containsPattern("(?m)^import-folder +every 10 s +active ")
			.containsPattern("(?m)^push +every 1 min +active ")
			.containsPattern("(?m)^recovery-check +every 15 s +active ");

		CliRun paused = CliRun.run(this.data, "schedule", "pause", "PUSH");
		assertThat(paused.exitCode()).as(paused.err()).isZero();
		assertThat(paused.out()).contains("Push of waiting changes paused; the service applies it within 2 s.");
		CliRun cron = CliRun.run(this.data, "schedule", "cron", "0 30 1 * * MON-FRI");
		assertThat(cron.exitCode()).as(cron.err()).isZero();

		assertThat(CliRun.run(this.data, "schedule", "list").out())
			.containsPattern("(?m)^push +every 1 min +paused +- +- +" + System.getProperty("user.name") + " ")
			.containsPattern("(?m)^download-tags +0 30 1 \\* \\* MON-FRI +active ");
	}

	@Test
	void badNamesAndCronsAreRefusedInWords() {
		CliRun unknown = CliRun.run(this.data, "schedule", "pause", "nightly");
		assertThat(unknown.exitCode()).isEqualTo(2);
		assertThat(unknown.err()).hasLineCount(1)
			.contains(
					"No scheduled task is named 'nightly': one of download-tags, import-folder, push, recovery-check");
		CliRun numbered = CliRun.run(this.data, "schedule", "cron", "0 0 2 * * 1-5");
		assertThat(numbered.exitCode()).isEqualTo(2);
		assertThat(numbered.err()).contains("'0 0 2 * * 1-5' is not a schedule: name the weekdays (MON-FRI)");
		CliRun notCron = CliRun.run(this.data, "schedule", "run");
		assertThat(notCron.exitCode()).isEqualTo(2);
		assertThat(CliRun.run(this.data, "schedule", "list").out())
			.containsPattern("(?m)^download-tags +0 0 2 \\* \\* \\* +active ");
	}

	@Test
	void aRunNowThatNoServiceTakesFailsAndIsTakenBack() {
		Instant start = Instant.now();
		CliRun run = CliRun.run(this.data, Map.of("kapta.schedule.control-check", "100ms"), "schedule", "run",
				"download-tags");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).hasLineCount(1)
			.contains(
					"No service took the run of Nightly Download To Kapta within 5 s: is './run.sh service' running?");
		assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(30));
		assertThat(CliRun.run(this.data, "schedule", "list").out()).containsPattern("(?m)^download-tags .* - +-$");
	}

}
