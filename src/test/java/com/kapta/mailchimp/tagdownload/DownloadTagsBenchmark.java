package com.kapta.mailchimp.tagdownload;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.TestHomes;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.upload.UploadBenchmark;

/**
 * Figures for the README, not a test: runs only with {@code -Dkapta.bench=true} and
 * asserts nothing. <pre>
 * mvn -B -q test -Dtest=DownloadTagsBenchmark -Dkapta.bench=true -Dbench.contacts=100000 -Dbench.latency=100 -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "kapta.bench", matches = "true")
@SpringBootTest(properties = { "kapta.data-dir=target/test-homes/DownloadTagsBenchmark/data",
		"kapta.jobs-dir=target/test-homes/DownloadTagsBenchmark/jobs" })
class DownloadTagsBenchmark {

	static {
		TestHomes.reset("DownloadTagsBenchmark");
	}

	@Autowired
	DownloadLauncher download;

	@Autowired
	SettingsService settings;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void download() {
		int members = Integer.getInteger("bench.contacts", 10_000);
		int latency = Integer.getInteger("bench.latency", 100);
		try (MailchimpSandbox sandbox = MailchimpSandbox.start(SandboxOptions.defaults()
			.withLatency(latency)
			.withTags(List.of("Admin User", "Regular User", "Champion")))) {
			for (int i = 0; i < members; i++) {
				sandbox.audience()
					.putMember("person" + i + "@example.com", "subscribed", i % 2 == 0 ? "Champion" : "Regular User");
			}
			this.jdbc.batchUpdate("INSERT INTO contact (email) VALUES (?)",
					java.util.stream.IntStream.range(0, members)
						.mapToObj((i) -> "person" + i + "@example.com")
						.toList(),
					1000, (ps, email) -> ps.setString(1, email));
			this.settings.save(new SettingsChange(true, sandbox.baseUrl(), sandbox.apiKey(), "Kapta Contacts"));
			ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
			long start = System.nanoTime();
			JobExecution run = this.download.launch(false);
			double wall = (System.nanoTime() - start) / 1e9;
			long calls = sandbox.stats().totalRequests();
			long minCalls = (members + 999) / 1000 + 1;
			double bound = calls * latency / 10.0 / 1000;
			System.out.printf(
					"bench job=download items=%d calls=%d min_calls=%d wall_s=%.1f bound_s=%.1f ratio=%.2f peak_heap_mb=%d status=%s%n",
					members, calls, minCalls, wall, bound, wall / bound, UploadBenchmark.peakHeapMb(), run.getStatus());
		}
	}

}
