package com.kapta.mailchimp.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import com.kapta.mailchimp.KaptaSpringTest;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.tagdownload.DownloadParameters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service's schedule fires the nightly download (here every second), once per date;
 * the date is the clock's (here a second before midnight of another day).
 */
@KaptaSpringTest
@TestPropertySource(properties = { "kapta.schedule.download-tags=* * * * * *" })
@ActiveProfiles("service")
class NightlyTagDownloadTests {

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

	@Autowired
	NightClock clock;

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@Test
	void theCronFiresTheDownloadOncePerNight() {
		this.jdbc.update("INSERT INTO contact (email) VALUES ('night@example.com')");
		this.settings.save(new SettingsChange(true, sandbox.baseUrl(), sandbox.apiKey(), "Kapta Contacts"));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForList("SELECT t.tag_name FROM contact_tag t", String.class),
					(tags) -> tags.equals(List.of("Nightly")));
		// more ticks of the same night: each reads the clock
		int ticks = this.clock.reads();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.clock.reads() >= ticks + 3);

		List<JobInstance> runs = this.jobRepository.getJobInstances("downloadTags", 0, 10);
		assertThat(runs).hasSize(1);
		var execution = this.jobRepository.getLastJobExecution(runs.get(0));
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		var parameters = DownloadParameters.of(execution.getJobParameters());
		assertThat(parameters.night()).isEqualTo(LocalDate.of(2026, 3, 1));
		assertThat(parameters.trigger()).isEqualTo(DownloadParameters.Trigger.SCHEDULED);
	}

	/** Stays at 23:59:59 on 1 March 2026 and counts how often it was read. */
	static final class NightClock extends Clock {

		private static final Instant AT = Instant.parse("2026-03-01T23:59:59Z");

		private final AtomicInteger reads = new AtomicInteger();

		int reads() {
			return this.reads.get();
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Instant instant() {
			this.reads.incrementAndGet();
			return AT;
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class NightClockConfiguration {

		@Bean
		@Primary
		NightClock nightClock() {
			return new NightClock();
		}

	}

}
