package com.kapta.mailchimp.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.TestHomes;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the command line tells a user to do next works, and a new install has its folders:
 * each hint a failure gives names a real command with options it has, and running it
 * carries the job through.
 */
class HintsAndFoldersTests {

	private static final Pattern HINT = Pattern.compile("'\\./run\\.sh ([^']+)'");

	private final Path home = TestHomes.reset("HintsAndFoldersTests");

	private final Path data = this.home.resolve("data");

	@Test
	void anyCommandOnEmptyFoldersLaysOutTheJobsFolder() {
		assertThat(CliRun.run(this.data, "status").exitCode()).isZero();

		Path jobs = this.home.resolve("jobs");
		for (String folder : List.of("import", "import/processing", "import/processed", "import/failed", "export",
				"reports")) {
			assertThat(jobs.resolve(folder)).as("the data team needs %s on a new install", folder).isDirectory();
		}
	}

	@Test
	void theHintsOfAFailedDownloadAndAFailedExportRunAsTheyAreWritten() throws Exception {
		try (MailchimpSandbox sandbox = MailchimpSandbox
			.start(SandboxOptions.defaults().withTags(List.of("Champion")))) {
			IntStream.range(0, 2_500)
				.forEach((i) -> sandbox.audience().putMember("m" + i + "@example.com", "subscribed", "Champion"));
			assertThat(CliRun
				.run(this.data, "settings", "save", "--api-url", sandbox.baseUrl(), "--api-key", sandbox.apiKey(),
						"--audience", "Kapta Contacts", "--enabled", "true")
				.exitCode()).isZero();

			sandbox.failRequestsAfter(2); // the tag list and the count, then an outage
			CliRun failed = CliRun.run(this.data, "download-tags");
			assertThat(failed.exitCode()).isOne();
			assertThat(failed.err()).hasLineCount(1).doesNotContain("Exception");
			sandbox.failRequestsAfter(-1);
			assertThat(hinted(failed)).isEqualTo("download-tags --restart");
			CliRun resumed = CliRun.run(this.data, hinted(failed).split(" "));
			assertThat(resumed.exitCode()).as(resumed.err()).isZero();
			assertThat(resumed.out()).contains("downloadTags completed");

			Path out = Files.createDirectories(this.home.resolve("out"));
			// the workbook cannot be written
			Files.createDirectories(out.resolve(".contacts.xlsx.tmp").resolve("x"));
			CliRun exportFailed = CliRun.run(this.data, "export", "--out", out.resolve("contacts.xlsx").toString());
			assertThat(exportFailed.exitCode()).isOne();
			assertThat(hinted(exportFailed)).isEqualTo("export");
			assertThat(CliRun.run(this.data, hinted(exportFailed).split(" ")).exitCode()).isZero();
		}
	}

	@Test
	void anExportWhileMailchimpCannotBeReachedUsesTheLastKnownTagsAndSaysSo() {
		try (MailchimpSandbox sandbox = MailchimpSandbox
			.start(SandboxOptions.defaults().withTags(List.of("Champion")))) {
			assertThat(CliRun
				.run(this.data, "settings", "save", "--api-url", sandbox.baseUrl(), "--api-key", sandbox.apiKey(),
						"--audience", "Kapta Contacts", "--enabled", "true")
				.exitCode()).isZero();
			assertThat(CliRun.run(this.data, "export").out()).contains("refreshed from Mailchimp");

			sandbox.failRequestsAfter(0);
			CliRun offline = CliRun.run(this.data, "export");

			assertThat(offline.exitCode()).as(offline.err()).isZero();
			assertThat(offline.out()).contains("Tag columns", "1 (Champion)", "Mailchimp could not be reached",
					"tags last refreshed 2");
		}
	}

	/** The command a one-line error tells the user to run, without {@code ./run.sh}. */
	private static String hinted(CliRun run) {
		Matcher hint = HINT.matcher(run.err());
		assertThat(hint.find()).as("a hint in: %s", run.err()).isTrue();
		return hint.group(1);
	}

}
