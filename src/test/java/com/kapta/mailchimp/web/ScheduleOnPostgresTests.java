package com.kapta.mailchimp.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.Trigger.TriggerState;
import org.quartz.TriggerKey;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

import com.kapta.mailchimp.OnPostgres;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The schedule with two instances on one PostgreSQL database: a pause asked on one holds
 * on the other (Quartz's clustered store), nothing fires while paused, a resume asked on
 * the other lets the nightly run fire once, on one of them; Run now runs once.
 */
@OnPostgres
class ScheduleOnPostgresTests {

	private static final MailchimpSandbox sandbox = MailchimpSandbox
		.start(SandboxOptions.defaults().withTags(List.of("Champion")));

	private static WebService one;

	private static WebService two;

	@BeforeAll
	static void start() {
		List<String> args = new ArrayList<>(List.of("--kapta.schedule.control-check=200ms",
				"--kapta.schedule.import-poll=1h", "--kapta.schedule.push=1h", "--kapta.schedule.recovery-check=1h",
				"--logging.level.org.quartz=DEBUG"));
		for (Map.Entry<String, String> database : OnPostgres.Server.freshDatabase("ScheduleOnPostgresTests")
			.entrySet()) {
			args.add("--" + database.getKey() + "=" + database.getValue());
		}
		one = WebService.service("ScheduleOnPostgresTests-one", false, args.toArray(String[]::new)).withAnnAndDan();
		two = WebService.service("ScheduleOnPostgresTests-two", false, args.toArray(String[]::new));
		// the key is kept in each instance's own data folder
		for (WebService instance : List.of(one, two)) {
			instance.bean(SettingsService.class)
				.save(new SettingsChange(true, sandbox.baseUrl(), sandbox.apiKey(), "Kapta Contacts"));
		}
	}

	@AfterAll
	static void stop() {
		if (two != null) {
			two.close();
		}
		if (one != null) {
			one.close();
		}
		sandbox.close();
	}

	@Test
	void aPauseOnOneInstanceHoldsOnTheOtherAndAResumeThereFiresTheNightOnce() throws Exception {
		assertThat(api(one, "POST", "/api/schedule/download-tags/pause", null).statusCode()).isEqualTo(200);
		assertThat(state(two)).isEqualTo(TriggerState.PAUSED);
		assertThat(api(two, "PUT", "/api/schedule/download-tags/cron", "{\"cron\":\"*/1 * * * * *\"}").body())
			.contains("\"paused\":true", "\"when\":\"*/1 * * * * *\"");
		Thread.sleep(3000);
		assertThat(runs()).isEmpty();
		assertThat(state(one)).isEqualTo(TriggerState.PAUSED);

		assertThat(api(two, "POST", "/api/schedule/download-tags/resume", null).body()).contains("\"paused\":false");
		await().atMost(Duration.ofSeconds(30)).until(() -> runs().stream().anyMatch(this::completed));
		assertThat(state(one)).isNotEqualTo(TriggerState.PAUSED);
		// the night's run fired every second since, on both instances: it ran once
		Thread.sleep(2000);
		assertThat(runs()).hasSize(1).allMatch(this::completed);

		api(one, "POST", "/api/schedule/download-tags/pause", null);
		assertThat(api(two, "POST", "/api/schedule/download-tags/run", null).statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> runs().size() == 2 && runs().stream().allMatch(this::completed));
		Thread.sleep(1000);
		assertThat(runs()).hasSize(2);
	}

	private boolean completed(JobExecution run) {
		return run.getStatus() == BatchStatus.COMPLETED;
	}

	/** Every download's last run, from the job repository the two share. */
	private static List<JobExecution> runs() {
		JobRepository repository = one.bean(JobRepository.class);
		return repository.getJobInstances("downloadTags", 0, 100)
			.stream()
			.map(repository::getLastJobExecution)
			.toList();
	}

	private static TriggerState state(WebService service) throws Exception {
		return service.bean(Scheduler.class).getTriggerState(TriggerKey.triggerKey("nightlyTagDownload", "kapta"));
	}

	private static HttpResponse<String> api(WebService service, String method, String path, String json) {
		WebService.Browser client = service.browser();
		return client.send(client.request(path)
			.header("Authorization", WebService.basic("ann"))
			.header("Content-Type", "application/json")
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody()));
	}

}
