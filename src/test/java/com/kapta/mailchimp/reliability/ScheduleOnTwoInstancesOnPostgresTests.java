package com.kapta.mailchimp.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.HomeDatabase;
import com.kapta.mailchimp.OnPostgres;
import com.kapta.mailchimp.TestHomes;
import com.kapta.mailchimp.cli.CliRun;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The schedule with two services on one PostgreSQL database, each in a JVM of its own as
 * they run for users: a pause asked of one holds on the other (Quartz's clustered store),
 * nothing fires while paused, a resume asked of the other lets the night's run fire on
 * one of them, once; a Run now runs once.
 */
@OnPostgres
class ScheduleOnTwoInstancesOnPostgresTests {

	private static final Pattern ADDRESS = Pattern.compile("Web console and API on (http://127\\.0\\.0\\.1:\\d+)");

	private static final Pattern PASSWORD = Pattern.compile("Password \\(shown once\\): (\\S+)");

	private static final HttpClient http = HttpClient.newHttpClient();

	private static MailchimpSandbox sandbox;

	private static Path one;

	private static JobProcess first;

	private static JobProcess second;

	private static String basic;

	@BeforeAll
	static void start() throws Exception {
		sandbox = MailchimpSandbox.start(SandboxOptions.defaults().withTags(List.of("Champion")));
		Path root = TestHomes.reset("ScheduleOnTwoInstancesOnPostgresTests");
		one = root.resolve("one");
		Path two = root.resolve("two");
		HomeDatabase.onPostgres(one, null);
		// the second home names the same database
		Files.createDirectories(two.resolve("data"));
		Files.copy(one.resolve("data").resolve("test-postgres-database"),
				two.resolve("data").resolve("test-postgres-database"));
		Map<String, String> database = HomeDatabase.properties(one);
		CliRun saved = CliRun.run(one.resolve("data"), database, "settings", "save", "--api-url", sandbox.baseUrl(),
				"--api-key", sandbox.apiKey(), "--audience", "Kapta Contacts", "--enabled", "true");
		assertThat(saved.exitCode()).as(saved.err()).isZero();
		CliRun added = CliRun.run(one.resolve("data"), database, "users", "add", "--username", "ann", "--role",
				"admin");
		Matcher password = PASSWORD.matcher(added.out());
		assertThat(password.find()).as(added.out() + added.err()).isTrue();
		basic = "Basic "
				+ Base64.getEncoder().encodeToString(("ann:" + password.group(1)).getBytes(StandardCharsets.UTF_8));
		// the key is each home's own; from the environment here
		// pools of 16 (a download's ten partitions each hold one), opened as needed: the
		// test server's hundred connections are shared with the other test JVM's classes
		Map<String, String> settings = Map.ofEntries(Map.entry("KAPTA_WEB_PORT", "0"),
				Map.entry("MAILCHIMP_API_KEY", sandbox.apiKey()), Map.entry("KAPTA_SCHEDULE_CONTROLCHECK", "200ms"),
				Map.entry("KAPTA_SCHEDULE_IMPORTPOLL", "1h"), Map.entry("KAPTA_SCHEDULE_PUSH", "1h"),
				Map.entry("KAPTA_SCHEDULE_RECOVERYCHECK", "1h"), Map.entry("KAPTA_SCHEDULE_CLUSTERCHECKIN", "1s"),
				Map.entry("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", "16"),
				Map.entry("SPRING_DATASOURCE_HIKARI_MINIMUMIDLE", "1"));
		first = JobProcess.start(one, List.of("service"), settings);
		second = JobProcess.start(two, List.of("service"), settings);
		for (JobProcess service : List.of(first, second)) {
			await().atMost(Duration.ofMinutes(1))
				.failFast(() -> !service.isAlive())
				.until(() -> ADDRESS.matcher(service.output()).find());
		}
	}

	@AfterAll
	static void stop() throws Exception {
		for (JobProcess service : new JobProcess[] { first, second }) {
			if (service != null) {
				service.stop();
			}
		}
		if (sandbox != null) {
			sandbox.close();
		}
	}

	@Test
	void aPauseOnOneInstanceHoldsOnTheOtherAndAResumeThereFiresTheNightOnce() throws Exception {
		assertThat(api(first, "POST", "/api/schedule/download-tags/pause", null).statusCode()).isEqualTo(200);
		assertThat(state()).isEqualTo("PAUSED");
		HttpResponse<String> cron = api(second, "PUT", "/api/schedule/download-tags/cron",
				"{\"cron\":\"*/1 * * * * *\"}");
		assertThat(cron.body()).contains("\"paused\":true", "\"when\":\"*/1 * * * * *\"");
		Thread.sleep(3000);
		assertThat(runs("scheduled")).isZero();
		assertThat(state()).isEqualTo("PAUSED");

		assertThat(api(second, "POST", "/api/schedule/download-tags/resume", null).body()).contains("\"paused\":false");
		await().atMost(Duration.ofSeconds(90)).until(() -> completed("scheduled") == 1);
		// fired every second since, on both instances: the night's run ran once
		Thread.sleep(2000);
		assertThat(runs("scheduled")).isOne();

		api(first, "POST", "/api/schedule/download-tags/pause", null);
		assertThat(api(second, "POST", "/api/schedule/download-tags/run", null).statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(90)).until(() -> completed("manual") == 1);
		Thread.sleep(1000);
		assertThat(runs("manual")).isOne();
		assertThat(state()).isEqualTo("PAUSED");
	}

	/** The nightly trigger's state in Quartz's clustered store. */
	private static String state() {
		return HomeDatabase.ask(one,
				(jdbc) -> jdbc.queryForObject(
						"SELECT trigger_state FROM qrtz_triggers WHERE trigger_name = 'nightlyTagDownload'",
						String.class));
	}

	/** Downloads started by this trigger ({@code scheduled} or {@code manual}). */
	private static int runs(String trigger) {
		return count(trigger, "");
	}

	private static int completed(String trigger) {
		return count(trigger, " AND e.STATUS = 'COMPLETED'");
	}

	private static int count(String trigger, String condition) {
		return HomeDatabase.ask(one, (jdbc) -> jdbc.queryForObject("""
				SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e
				JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
				WHERE i.JOB_NAME = 'downloadTags' AND p.PARAMETER_NAME = 'trigger' AND p.PARAMETER_VALUE = ?"""
				+ condition, Integer.class, trigger));
	}

	private static HttpResponse<String> api(JobProcess service, String method, String path, String json)
			throws Exception {
		Matcher address = ADDRESS.matcher(service.output());
		assertThat(address.find()).isTrue();
		return http.send(HttpRequest.newBuilder(URI.create(address.group(1) + path))
			.header("Authorization", basic)
			.header("Content-Type", "application/json")
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
