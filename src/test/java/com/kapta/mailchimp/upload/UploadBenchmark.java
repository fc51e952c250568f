package com.kapta.mailchimp.upload;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.kapta.mailchimp.TestHomes;
import com.kapta.mailchimp.contact.ContactCsvLoader;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;

/**
 * Figures for the README, not a test: runs only with {@code -Dkapta.bench=true} and
 * asserts nothing. <pre>
 * mvn -B -q test -Dtest=UploadBenchmark -Dkapta.bench=true -Dbench.contacts=100000 -Dbench.latency=100 -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "kapta.bench", matches = "true")
@SpringBootTest(properties = { "kapta.data-dir=target/test-homes/UploadBenchmark/data",
		"kapta.jobs-dir=target/test-homes/UploadBenchmark/jobs" })
public class UploadBenchmark {

	static {
		TestHomes.reset("UploadBenchmark");
	}

	@Autowired
	UploadLauncher upload;

	@Autowired
	SettingsService settings;

	@Autowired
	ContactCsvLoader loader;

	@Test
	void upload() throws Exception {
		int contacts = Integer.getInteger("bench.contacts", 10_000);
		int latency = Integer.getInteger("bench.latency", 100);
		List<String> tags = List.of("Champion");
		Path csv = Path.of("target/test-homes/UploadBenchmark/contacts.csv");
		try (BufferedWriter out = Files.newBufferedWriter(csv)) {
			out.write("email,first_name,last_name,tags\n");
			for (int i = 0; i < contacts; i++) {
				out.write("person" + i + "@example.com,First" + i + ",Last" + i + ",\n");
			}
		}
		this.loader.load(csv);
		try (MailchimpSandbox sandbox = MailchimpSandbox.start(SandboxOptions.defaults().withLatency(latency))) {
			this.settings.save(new SettingsChange(true, sandbox.baseUrl(), sandbox.apiKey(), "Kapta Contacts"));
			ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
			long start = System.nanoTime();
			JobExecution run = this.upload.launch(tags, false);
			double wall = (System.nanoTime() - start) / 1e9;
			long calls = sandbox.stats().requests().values().stream().mapToLong(Long::longValue).sum();
			long chunks = (contacts + 499) / 500;
			long minCalls = chunks + chunks * tags.size() + tags.size();
			double bound = calls * latency / 10.0 / 1000;
			System.out.printf(
					"bench job=upload items=%d calls=%d min_calls=%d wall_s=%.1f bound_s=%.1f ratio=%.2f peak_heap_mb=%d status=%s%n",
					contacts, calls, minCalls, wall, bound, wall / bound, peakHeapMb(), run.getStatus());
			System.out.printf("bench sandbox mean handling %.1f ms per request (latency included)%n",
					sandbox.stats().meanHandlingMillis());
			run.getStepExecutions()
				.stream()
				.filter((step) -> !step.getStepName().contains(":"))
				.forEach((step) -> System.out.printf("bench step %s %.1f s%n", step.getStepName(),
						java.time.Duration.between(step.getStartTime(), step.getEndTime()).toMillis() / 1000.0));
		}
	}

	public static long peakHeapMb() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.mapToLong((pool) -> pool.getPeakUsage().getUsed())
			.sum() / (1024 * 1024);
	}

}
