package com.kapta.mailchimp.web;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.batch.JobHistory;
import com.kapta.mailchimp.push.PushLauncher;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.tagdownload.DownloadLauncher;
import com.kapta.mailchimp.upload.UploadLauncher;
import com.kapta.mailchimp.users.Role;
import com.kapta.mailchimp.users.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may stop and restart a run is who may launch its job: upload and download are an
 * admin's in every door (the API, the console's forms, the run page's buttons); the data
 * team's import, export and push are theirs too. A refused request changes nothing.
 */
class RunControlRolesTests {

	private static WebService service;

	private static SandboxedKapta kapta;

	private MailchimpSandbox sandbox;

	@BeforeAll
	static void start() {
		service = WebService.start("RunControlRolesTests");
		kapta = service.kapta();
		service.bean(UserAccounts.class).add("ann", Role.ADMIN, "ann's long password");
		service.bean(UserAccounts.class).add("dan", Role.DATA, "dan's long password");
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@BeforeEach
	void freshSandbox() {
		this.sandbox = kapta.restart(SandboxOptions.defaults());
	}

	@Test
	void aDataUserCannotRestartAFailedUploadOrDownloadInAnyDoorAndAnAdminCan() {
		kapta.load("ann@example.com,,,", "bob@example.com,,,");
		this.sandbox.failRequestsAfter(0);
		JobExecution upload = service.bean(UploadLauncher.class).launch(List.of(), false);
		JobExecution download = service.bean(DownloadLauncher.class).launch(false);
		this.sandbox.failRequestsAfter(-1);
		assertThat(List.of(upload.getStatus(), download.getStatus())).containsOnly(BatchStatus.FAILED);
		long runs = runs();

		for (JobExecution failed : List.of(upload, download)) {
			HttpResponse<String> api = api("dan", post("/api/jobs/" + failed.getId() + "/restart"));
			assertThat(api.statusCode()).as(api.body()).isEqualTo(403);
			assertThat(api.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			WebService.Browser dan = service.browser().signIn("dan", "dan's long password");
			String page = dan.send(dan.request("/jobs/" + failed.getId())).body();
			assertThat(page).contains("FAILED", "Fix the cause, then ask an admin to restart it", " --restart")
				.doesNotContain(">Restart<");
			HttpResponse<String> console = dan.send(dan.request("/jobs/" + failed.getId() + "/restart")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(BodyPublishers.ofString("_csrf=" + dan.csrf("/jobs/" + failed.getId()))));
			assertThat(console.statusCode()).isEqualTo(403);
		}
		assertThat(runs()).as("no refused restart started anything").isEqualTo(runs);

		WebService.Browser ann = service.browser().signIn("ann", "ann's long password");
		assertThat(ann.send(ann.request("/jobs/" + upload.getId())).body()).contains(">Restart<",
				"Fix the cause, then press Restart below", "./run.sh upload --restart");
		HttpResponse<String> restarted = api("ann", post("/api/jobs/" + upload.getId() + "/restart"));
		assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(202);
		HttpResponse<String> console = ann.send(ann.request("/jobs/" + download.getId() + "/restart")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("_csrf=" + ann.csrf("/jobs/" + download.getId()))));
		assertThat(console.statusCode()).isEqualTo(302);
		await().atMost(Duration.ofSeconds(30)).until(() -> runs() == runs + 2 && running() == 0);
		assertThat(this.sandbox.audience().members()).hasSize(2);
	}

	@Test
	void aDataUserRestartsAFailedPushAsItLaunchesOne() {
		kapta.loadAsNewEdits("carl@example.com,,,");
		this.sandbox.failRequestsAfter(0);
		JobExecution push = service.bean(PushLauncher.class).launch();
		this.sandbox.failRequestsAfter(-1);
		assertThat(push.getStatus()).isEqualTo(BatchStatus.FAILED);

		WebService.Browser dan = service.browser().signIn("dan", "dan's long password");
		assertThat(dan.send(dan.request("/jobs/" + push.getId())).body()).contains(">Restart<");
		HttpResponse<String> restarted = api("dan", post("/api/jobs/" + push.getId() + "/restart"));

		assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.sandbox.audience().member("carl@example.com").isPresent() && running() == 0);
	}

	@Test
	void aDataUserCannotStopARunningUploadAndItGoesOnAnAdminStopsIt() {
		kapta.load(IntStream.range(0, 50_000).mapToObj((i) -> "p" + i + "@example.com,,,").toArray(String[]::new));
		this.sandbox.setLatencyMs(500);
		HttpResponse<String> launched = api("ann", post("/api/jobs/upload", "{\"tags\":[]}"));
		assertThat(launched.statusCode()).as(launched.body()).isEqualTo(202);
		String run = launched.headers().firstValue("Location").orElseThrow();
		long id = Long.parseLong(run.substring(run.lastIndexOf('/') + 1));

		HttpResponse<String> api = api("dan", post(run + "/stop"));
		WebService.Browser dan = service.browser().signIn("dan", "dan's long password");
		String page = dan.send(dan.request("/jobs/" + id)).body();
		HttpResponse<String> console = dan.send(dan.request("/jobs/" + id + "/stop")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("_csrf=" + dan.csrf("/jobs/" + id))));

		assertThat(api.statusCode()).as(api.body()).isEqualTo(403);
		assertThat(console.statusCode()).isEqualTo(403);
		assertThat(page).contains("Upload To Mailchimp").doesNotContain(">Stop<");
		assertThat(status(id)).as("still running").isIn(BatchStatus.STARTING, BatchStatus.STARTED);

		WebService.Browser ann = service.browser().signIn("ann", "ann's long password");
		assertThat(ann.send(ann.request("/jobs/" + id)).body()).contains(">Stop<");
		HttpResponse<String> stopped = api("ann", post(run + "/stop"));
		assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(60)).until(() -> status(id) == BatchStatus.STOPPED && running() == 0);
		this.sandbox.setLatencyMs(0);
	}

	private static long runs() {
		return service.bean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class);
	}

	private static long running() {
		return service.bean(JdbcTemplate.class)
			.queryForObject(
					"SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTING', 'STARTED'," + " 'STOPPING')",
					Long.class);
	}

	private static BatchStatus status(long id) {
		return service.bean(JobHistory.class).find(id).orElseThrow().getStatus();
	}

	private static HttpRequest.Builder post(String path) {
		return HttpRequest.newBuilder(service.uri(path)).POST(BodyPublishers.noBody());
	}

	private static HttpRequest.Builder post(String path, String json) {
		return HttpRequest.newBuilder(service.uri(path))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json));
	}

	private static HttpResponse<String> api(String user, HttpRequest.Builder request) {
		return service.browser()
			.send(request.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((user + ":" + user + "'s long password").getBytes(StandardCharsets.UTF_8))));
	}

}
