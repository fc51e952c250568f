package com.kapta.mailchimp.schedule;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import com.kapta.mailchimp.TestHomes;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.tagdownload.DownloadParameters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service's schedule fires the nightly download (here every second), once per date.
 */
@SpringBootTest(properties = { "kapta.data-dir=target/test-homes/NightlyTagDownloadTests/data",
		"kapta.jobs-dir=target/test-homes/NightlyTagDownloadTests/jobs", "kapta.schedule.download-tags=* * * * * *",
		"kapta.batch.progress-every=1h" })
@ActiveProfiles("service")
class NightlyTagDownloadTests {

	static {
		TestHomes.reset("NightlyTagDownloadTests");
	}

	private static final MailchimpSandbox sandbox = MailchimpSandbox.start(SandboxOptions.defaults());

	static {
		sandbox.audience().putMember("night@example.com", "subscribed", "Nightly");
	}

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	SettingsService settings;

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@Test
	void theCronFiresTheDownloadOncePerNight() throws InterruptedException {
		this.jdbc.update("INSERT INTO contact (email) VALUES ('night@example.com')");
		this.settings.save(new SettingsChange(true, sandbox.baseUrl(), sandbox.apiKey(), "Kapta Contacts"));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForList("SELECT t.tag_name FROM contact_tag t", String.class),
					(tags) -> tags.equals(List.of("Nightly")));
		Thread.sleep(2_000); // more ticks of the same night

		List<JobInstance> runs = this.jobRepository.getJobInstances("downloadTags", 0, 10);
		assertThat(runs).hasSize(1);
		var execution = this.jobRepository.getLastJobExecution(runs.get(0));
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		var parameters = DownloadParameters.of(execution.getJobParameters());
		assertThat(parameters.night()).isEqualTo(LocalDate.now());
		assertThat(parameters.trigger()).isEqualTo(DownloadParameters.Trigger.SCHEDULED);
	}

}
