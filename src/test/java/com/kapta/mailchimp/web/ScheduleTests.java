package com.kapta.mailchimp.web;

import java.net.URLEncoder;
import java.nio.file.Path;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.Trigger.TriggerState;
import org.quartz.TriggerKey;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;

import com.kapta.mailchimp.JavaCommand;
import com.kapta.mailchimp.database.DatabaseServer;
import com.kapta.mailchimp.schedule.ScheduleTriggers;
import com.kapta.mailchimp.schedule.ScheduledTask;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The schedule an admin controls, over real HTTP on the whole service (Quartz running): a
 * paused nightly trigger does not fire (a cron of every second) and fires again after
 * Resume, also after a restart of the service; Run now launches a download, paused or
 * not; the console's page does the same and says a bad cron beside its field; a data user
 * can neither see nor change the schedule; a command beside the service does what the
 * page does.
 */
class ScheduleTests {

	private static final String NAME = "ScheduleTests";

	private static final String[] QUICK = { "--kapta.schedule.control-check=200ms", "--kapta.schedule.import-poll=1h",
			"--kapta.schedule.push=1h", "--kapta.schedule.recovery-check=1h" };

	/** Mailchimp, beside the service and outliving its restart. */
	private static final MailchimpSandbox sandbox = MailchimpSandbox
		.start(SandboxOptions.defaults().withTags(List.of("Champion")));

	private static WebService service;

	@BeforeAll
	static void start() {
		service = WebService.service(NAME, false, QUICK).withAnnAndDan();
		service.bean(SettingsService.class)
			.save(new SettingsChange(true, sandbox.baseUrl(), sandbox.apiKey(), "Kapta Contacts"));
	}

	@AfterAll
	static void stop() {
		service.close();
		sandbox.close();
	}

	/**
	 * Each test starts from the schedule as configured: nothing paused, cron at 02:00.
	 */
	@AfterEach
	void asConfigured() {
		ScheduleTriggers triggers = service.bean(ScheduleTriggers.class);
		for (ScheduledTask task : ScheduledTask.values()) {
			triggers.resume(task, "test");
		}
		triggers.changeCron(ScheduledTask.DOWNLOAD_TAGS, "0 0 2 * * *", "test");
	}

	@Test
	void aPausedNightlyTriggerDoesNotFireAndFiresAgainAfterResumeAlsoAfterARestart() throws Exception {
		int before = downloads();
		long completed = completedDownloads();
		assertThat(api("POST", "/api/schedule/download-tags/pause", null, "ann").body()).contains("\"paused\":true",
				"\"changedBy\":\"ann\"");
		HttpResponse<String> changed = api("PUT", "/api/schedule/download-tags/cron", "{\"cron\":\"*/1 * * * * *\"}",
				"ann");
		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(changed.body()).contains("\"when\":\"*/1 * * * * *\"", "\"nextFire\":null");
		Thread.sleep(2500);
		assertThat(downloads()).isEqualTo(before);

		// the service stopped and started again: still paused, the chosen cron kept
		service.close();
		service = WebService.service(NAME, true, QUICK);
		assertThat(state()).isEqualTo(TriggerState.PAUSED);
		Thread.sleep(2500);
		assertThat(downloads()).isEqualTo(before);
		assertThat(api("GET", "/api/schedule/download-tags", null, "ann").body()).contains("\"paused\":true",
				"\"when\":\"*/1 * * * * *\"");

		HttpResponse<String> resumed = api("POST", "/api/schedule/download-tags/resume", null, "ann");
		assertThat(resumed.body()).contains("\"paused\":false").doesNotContain("\"nextFire\":null");
		await().atMost(Duration.ofSeconds(20)).until(() -> completedDownloads() > completed);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> api("GET", "/api/schedule/download-tags", null, "ann").body(),
					(body) -> !body.contains("\"lastFired\":null"));
	}

	@Test
	void runNowLaunchesADownloadOfItsOwnEvenWhilePaused() throws Exception {
		api("POST", "/api/schedule/download-tags/pause", null, "ann");
		long before = completedDownloads();
		HttpResponse<String> fired = api("POST", "/api/schedule/download-tags/run", null, "ann");
		assertThat(fired.statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(20)).until(() -> completedDownloads() == before + 1);
		assertThat(state()).isEqualTo(TriggerState.PAUSED);
	}

	@Test
	void aCommandBesideTheServicePausesATaskAndHasItRunNow() throws Exception {
		String paused = command("schedule", "pause", "import-folder");
		assertThat(paused).contains("Import folder watch paused");
		await().atMost(Duration.ofSeconds(5)).until(() -> state("importFolderWatch") == TriggerState.PAUSED);

		long before = completedDownloads();
		assertThat(command("schedule", "run", "download-tags"))
			.contains("Nightly Download To Kapta fired by the service");
		await().atMost(Duration.ofSeconds(20)).until(() -> completedDownloads() == before + 1);
		assertThat(api("GET", "/api/schedule/import-folder", null, "ann").body()).contains("\"paused\":true",
				"\"changedBy\":\"" + System.getProperty("user.name") + "\"");
	}

	@Test
	void theSchedulePageShowsTheTasksPausesResumesAndSaysABadCronBesideItsField() throws Exception {
		WebService.Browser ann = service.browser().signIn("ann", "ann's long password");
		String page = ann.send(ann.request("/schedule")).body();
		assertThat(page).contains("Nightly Download To Kapta", "Import folder watch", "Push of waiting changes",
				"Recovery check", "every 1 h", "0 0 2 * * *", "Run now");

		post(ann, "/schedule/push/pause", "");
		page = ann.send(ann.request("/schedule")).body();
		assertThat(page).contains("paused on every instance", "Resume: Push of waiting changes", "by");
		assertThat(state("outboxPush")).isEqualTo(TriggerState.PAUSED);

		post(ann, "/schedule/download-tags/cron", "cron=" + URLEncoder.encode("0 0 2 * * 1-5", StandardCharsets.UTF_8));
		page = ann.send(ann.request("/schedule")).body();
		assertThat(page).contains("is-invalid", "aria-invalid=\"true\"", "value=\"0 0 2 * * 1-5\"",
				"name the weekdays (MON-FRI), not number them");
		assertThat(service.bean(ScheduleTriggers.class).get(ScheduledTask.DOWNLOAD_TAGS).when())
			.isEqualTo("0 0 2 * * *");

		post(ann, "/schedule/download-tags/cron",
				"cron=" + URLEncoder.encode("0 30 1 * * MON-FRI", StandardCharsets.UTF_8));
		assertThat(ann.send(ann.request("/schedule")).body()).contains("now fires on &#39;0 30 1 * * MON-FRI&#39;");
		assertThat(((CronTrigger) service.bean(Scheduler.class)
			.getTrigger(TriggerKey.triggerKey("nightlyTagDownload", "kapta"))).getCronExpression())
			.isEqualTo("0 30 1 ? * MON-FRI");
	}

	@Test
	void aDataUserCanNeitherSeeNorChangeTheSchedule() throws Exception {
		int before = downloads();
		assertThat(api("GET", "/api/schedule", null, "dan").statusCode()).isEqualTo(403);
		assertThat(api("POST", "/api/schedule/push/pause", null, "dan").statusCode()).isEqualTo(403);
		assertThat(api("POST", "/api/schedule/download-tags/run", null, "dan").statusCode()).isEqualTo(403);
		assertThat(api("PUT", "/api/schedule/download-tags/cron", "{\"cron\":\"*/1 * * * * *\"}", "dan").statusCode())
			.isEqualTo(403);
		WebService.Browser dan = service.browser().signIn("dan", "dan's long password");
		assertThat(dan.send(dan.request("/schedule")).statusCode()).isEqualTo(403);
		assertThat(dan.send(dan.request("/")).body()).doesNotContain("href=\"/schedule\"");
		String csrf = dan.csrf("/");
		assertThat(dan
			.send(dan.request("/schedule/push/pause")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf)))
			.statusCode()).isEqualTo(403);

		assertThat(service.bean(ScheduleTriggers.class).list()).noneMatch(ScheduleTriggers.Trigger::paused)
			.allMatch((trigger) -> trigger.when().equals("0 0 2 * * *") || trigger.when().equals("every 1 h"));
		Thread.sleep(500);
		assertThat(downloads()).isEqualTo(before);
	}

	@Test
	void badRequestsAreRefusedInWords() {
		HttpResponse<String> unknown = api("POST", "/api/schedule/nightly/pause", null, "ann");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("No scheduled task is named 'nightly'", "download-tags");
		HttpResponse<String> notCron = api("PUT", "/api/schedule/push/cron", "{\"cron\":\"0 0 2 * * *\"}", "ann");
		assertThat(notCron.statusCode()).isEqualTo(400);
		assertThat(notCron.body()).contains("not on a cron");
		HttpResponse<String> never = api("PUT", "/api/schedule/download-tags/cron", "{\"cron\":\"0 0 2 30 FEB ?\"}",
				"ann");
		assertThat(never.statusCode()).isEqualTo(400);
		assertThat(never.body()).contains("it never fires");
		assertThat(api("PUT", "/api/schedule/download-tags/cron", "{}", "ann").statusCode()).isEqualTo(400);
		assertThat(api("GET", "/v3/api-docs", null, "ann").body()).contains("/api/schedule/{name}/pause",
				"/api/schedule/{name}/resume", "/api/schedule/{name}/run", "/api/schedule/{name}/cron");
	}

	/**
	 * {@code ./run.sh ARGS} in a JVM of its own on the service's home (in this JVM it
	 * would share, and at its end shut, the service's database); its output, once it
	 * exited 0.
	 */
	private static String command(String... args) throws Exception {
		// as './run.sh service' does once started, for commands to find the database
		service.bean(DatabaseServer.class).publish();
		Path home = Path.of("target", "test-homes", NAME).toAbsolutePath();
		var builder = new ProcessBuilder(JavaCommand.of(List.of(), List.of(args))).redirectErrorStream(true);
		builder.environment().put("KAPTA_DATA_DIR", home.resolve("data").toString());
		builder.environment().put("KAPTA_JOBS_DIR", home.resolve("jobs").toString());
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(output).isZero();
		return output;
	}

	private static int downloads() {
		return service.bean(JobRepository.class).getJobInstances("downloadTags", 0, 100).size();
	}

	private static long completedDownloads() {
		return service.bean(JobRepository.class)
			.getJobInstances("downloadTags", 0, 100)
			.stream()
			.map((instance) -> service.bean(JobRepository.class).getLastJobExecution(instance))
			.filter((run) -> run != null && run.getStatus() == BatchStatus.COMPLETED)
			.count();
	}

	private static TriggerState state() throws Exception {
		return state("nightlyTagDownload");
	}

	private static TriggerState state(String quartzName) throws Exception {
		return service.bean(Scheduler.class).getTriggerState(TriggerKey.triggerKey(quartzName, "kapta"));
	}

	private static HttpResponse<String> api(String method, String path, String json, String user) {
		WebService.Browser client = service.browser();
		return client.send(client.request(path)
			.header("Authorization", WebService.basic(user))
			.header("Content-Type", "application/json")
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody()));
	}

	private static void post(WebService.Browser browser, String path, String form) {
		String csrf = browser.csrf("/schedule");
		HttpResponse<String> answer = browser.send(browser.request(path)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form + (form.isEmpty() ? "" : "&") + "_csrf=" + csrf)));
		assertThat(answer.statusCode()).isEqualTo(302);
	}

}
