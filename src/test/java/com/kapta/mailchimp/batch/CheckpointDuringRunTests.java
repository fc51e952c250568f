package com.kapta.mailchimp.batch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.KaptaSpringTest;
import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.contact.ContactCsvLoader;
import com.kapta.mailchimp.database.Dialect;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.tagdownload.DownloadLauncher;
import com.kapta.mailchimp.upload.UploadLauncher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The embedded database checkpoints while partitioned runs write (its log made 1 MB, so
 * it checkpoints every few chunks): the upload and the download still end. HSQLDB holds
 * back new transactions until the open ones end; a partition that waited, inside its
 * transaction, for a lock Spring Batch's DAO shares between all steps never ended, and
 * the run hung for good.
 */
@KaptaSpringTest
class CheckpointDuringRunTests {

	@Autowired
	UploadLauncher upload;

	@Autowired
	DownloadLauncher download;

	@Autowired
	SettingsService settings;

	@Autowired
	ContactCsvLoader loader;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Dialect dialect;

	private SandboxedKapta kapta;

	@BeforeEach
	void smallLog() {
		assumeThat(this.dialect).as("a checkpoint of the embedded database").isEqualTo(Dialect.HSQLDB);
		this.kapta = new SandboxedKapta(this.jdbc, this.settings, this.loader);
		this.kapta.restart(SandboxOptions.defaults().withTags(List.of("Night")));
		this.jdbc.execute("SET FILES LOG SIZE 1");
	}

	@AfterEach
	void usualLog() {
		if (this.kapta != null) {
			this.jdbc.execute("SET FILES LOG SIZE 50");
			this.kapta.close();
		}
	}

	@Test
	void partitionedRunsEndWhileTheDatabaseCheckpoints() throws Exception {
		this.kapta.load(IntStream.range(0, 30_000).mapToObj((i) -> "c" + i + "@example.com,,,").toArray(String[]::new));

		assertThat(within(() -> this.upload.launch(List.of("Night"), false))).isEqualTo(BatchStatus.COMPLETED);
		this.jdbc.update("UPDATE contact_tag SET tag_name = 'Local'");
		assertThat(within(() -> this.download.launch(false))).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.kapta.tags("c29999@example.com")).containsExactly("Night");
	}

	/** The run's end, or a failure after two minutes: a hung run never ends. */
	private static BatchStatus within(java.util.function.Supplier<JobExecution> run) throws Exception {
		CompletableFuture<JobExecution> ended = CompletableFuture.supplyAsync(run);
		return ended.get(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS).getStatus();
	}

}
