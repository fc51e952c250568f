package com.kapta.mailchimp;

import java.util.Arrays;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

import com.kapta.mailchimp.cli.KaptaCli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each job's one identity: the name earlier versions stored (so their job history reads),
 * a command that exists, the user guide's label, and a hint that names only a real
 * command and its real options.
 */
@Tag("fast")
class KaptaJobTests {

	@Test
	void theRepositoryNamesStayAsEarlierVersionsStoredThem() {
		assertThat(Arrays.stream(KaptaJob.values()).map(KaptaJob::jobName)).containsExactly("upload", "downloadTags",
				"export", "import", "push");
		assertThat(KaptaJob.named("downloadTags")).contains(KaptaJob.DOWNLOAD_TAGS);
		assertThat(KaptaJob.named("download-tags")).as("a command is no job name").isEmpty();
		assertThat(KaptaJob.labelOf("downloadTags")).isEqualTo("Download To Kapta");
		assertThat(KaptaJob.labelOf("cleanup")).as("a job of another version, as it is").isEqualTo("cleanup");
	}

	@Test
	void everyJobsCommandExistsAndItsHintNamesOnlyOptionsItHas() {
		CommandLine cli = new CommandLine(new KaptaCli());
		for (KaptaJob job : KaptaJob.values()) {
			CommandLine command = cli.getSubcommands().get(job.command());
			assertThat(command).as(job.command()).isNotNull();
			String hint = job.resumeHint();
			assertThat(hint).contains("'./run.sh " + job.command());
			if (hint.contains("--restart")) {
				assertThat(job.resumable()).isTrue();
				assertThat(command.getCommandSpec().findOption("--restart")).as(job.command() + " --restart")
					.isNotNull();
			}
		}
		assertThat(KaptaJob.EXPORT.resumeHint()).isEqualTo("run it again with './run.sh export'");
		assertThat(KaptaJob.DOWNLOAD_TAGS.resumeHint()).isEqualTo("resume it with './run.sh download-tags --restart'");
		assertThatThrownBy(() -> KaptaJob.resumeHintOf("cleanup")).hasMessage("No command runs job cleanup");
	}

	@Test
	void onlyUploadAndDownloadAreAnAdminsAlone() {
		assertThat(Arrays.stream(KaptaJob.values()).filter(KaptaJob::adminOnly)).containsExactly(KaptaJob.UPLOAD,
				KaptaJob.DOWNLOAD_TAGS);
		assertThat(KaptaJob.adminOnly("import")).isFalse();
		assertThat(KaptaJob.adminOnly("cleanup")).isFalse();
	}

}
