package com.kapta.mailchimp.web;

import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.importing.ImportLauncher;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.upload.UploadLauncher;
import com.kapta.mailchimp.workbook.Workbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Restarting several failed runs in one action from the Jobs page, over real HTTP: the
 * ticked runs resume one after the other to their end; a data user cannot slip an admin's
 * upload in among them.
 */
class BulkRestartTests {

	private static WebService service;

	private static MailchimpSandbox sandbox;

	@BeforeAll
	static void start() {
		// a failed call fails at once: the runs here fail on purpose
		service = WebService.start("BulkRestartTests", "--kapta.mailchimp.max-attempts=1").withAnnAndDan();
		SandboxedKapta kapta = service.kapta();
		sandbox = kapta.restart(SandboxOptions.defaults().withTags(List.of("Champion")));
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@Test
	void twoFailedImportsResumeOneAfterTheOtherAndAnUploadAmongThemIsRefused() throws IOException {
		Path dir = Files.createDirectories(service.bean(KaptaProperties.class).dataDir().resolveSibling("workbooks"));
		sandbox.failRequestsAfter(0);
		JobExecution first = service.bean(ImportLauncher.class).launch(workbook(dir, "first", "ann"), false);
		JobExecution second = service.bean(ImportLauncher.class).launch(workbook(dir, "second", "bob"), false);
		JobExecution upload = service.bean(UploadLauncher.class).launch(List.of(), false);
		sandbox.failRequestsAfter(-1);
		assertThat(List.of(first.getStatus(), second.getStatus(), upload.getStatus())).containsOnly(BatchStatus.FAILED);

		WebService.Browser dan = service.browser().signIn("dan", "dan's long password");
		String jobs = dan.send(dan.request("/jobs")).body();
		assertThat(jobs)
			.contains("value=\"" + first.getId() + "\"", "value=\"" + second.getId() + "\"", "Restart the ticked runs")
			.as("a data user is offered no tick for an upload")
			.doesNotContain("name=\"run\" form=\"restart-form\" value=\"" + upload.getId() + "\"");

		HttpResponse<String> refused = restart(dan, first.getId(), upload.getId());
		assertThat(refused.statusCode()).isEqualTo(403);

		HttpResponse<String> restarted = restart(dan, first.getId(), second.getId());
		assertThat(restarted.statusCode()).isEqualTo(302);
		JobRepository repository = service.bean(JobRepository.class);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> List.of(repository.getLastJobExecution(first.getJobInstance()).getStatus(),
					repository.getLastJobExecution(second.getJobInstance()).getStatus()),
					(statuses) -> statuses.stream().allMatch((status) -> status == BatchStatus.COMPLETED));
		assertThat(sandbox.audience().member("ann@example.com").orElseThrow().tags()).contains("Champion");
		assertThat(sandbox.audience().member("bob@example.com").orElseThrow().tags()).contains("Champion");
		assertThat(repository.getLastJobExecution(upload.getJobInstance()).getStatus()).as("left alone")
			.isEqualTo(BatchStatus.FAILED);
		assertThat(dan.send(dan.request("/jobs")).body()).contains("Restarting 2 runs one after the other");

		// the API's door to the same, and its refusal of what is not to restart
		HttpResponse<String> again = dan.send(dan.request("/api/jobs/restart")
			.header("Authorization", WebService.basic("dan"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"runs\":[" + first.getId() + "]}")));
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("is not one to restart");
		HttpResponse<String> admins = dan.send(dan.request("/api/jobs/restart")
			.header("Authorization", WebService.basic("dan"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"runs\":[" + upload.getId() + "]}")));
		assertThat(admins.statusCode()).isEqualTo(403);
	}

	@Test
	void anOlderFailedImportsOwnRestartResumesThatImportNotTheNewest() throws IOException {
		Path dir = Files.createDirectories(service.bean(KaptaProperties.class).dataDir().resolveSibling("workbooks"));
		sandbox.failRequestsAfter(0);
		JobExecution older = service.bean(ImportLauncher.class).launch(workbook(dir, "older", "carl"), false);
		JobExecution newer = service.bean(ImportLauncher.class).launch(workbook(dir, "newer", "dora"), false);
		sandbox.failRequestsAfter(-1);
		assertThat(List.of(older.getStatus(), newer.getStatus())).containsOnly(BatchStatus.FAILED);

		WebService.Browser dan = service.browser().signIn("dan", "dan's long password");
		String page = dan.send(dan.request("/jobs/" + older.getId())).body();
		assertThat(page).contains("this run resumes after its last committed chunk");
		HttpResponse<String> restarted = dan.send(dan.request("/jobs/" + older.getId() + "/restart")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("_csrf=" + dan.csrf("/jobs/" + older.getId()))));
		assertThat(restarted.statusCode()).isEqualTo(302);

		JobRepository repository = service.bean(JobRepository.class);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> repository.getLastJobExecution(older.getJobInstance()).getStatus() == BatchStatus.COMPLETED);
		assertThat(sandbox.audience().member("carl@example.com")).isPresent();
		assertThat(repository.getLastJobExecution(newer.getJobInstance()).getStatus()).as("left as it was")
			.isEqualTo(BatchStatus.FAILED);
		assertThat(sandbox.audience().member("dora@example.com")).isEmpty();
	}

	private static HttpResponse<String> restart(WebService.Browser browser, long... ids) {
		StringBuilder form = new StringBuilder("_csrf=" + browser.csrf("/jobs"));
		for (long id : ids) {
			form.append("&run=").append(id);
		}
		return browser.send(browser.request("/jobs/restart")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(form.toString())));
	}

	private static Path workbook(Path dir, String name, String person) {
		return Workbooks.xlsx(dir.resolve(name + ".xlsx"),
				List.of(List.of("Email Address", "Champion"), List.of(person + "@example.com", "Y")));
	}

}
