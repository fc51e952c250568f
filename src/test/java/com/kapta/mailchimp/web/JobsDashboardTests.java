package com.kapta.mailchimp.web;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.export.ExportLauncher;
import com.kapta.mailchimp.importing.ImportLauncher;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.upload.UploadLauncher;
import com.kapta.mailchimp.workbook.Workbooks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Jobs page as the people who run the night use it, over real HTTP: filters by job,
 * status, days and a parameter's text narrow the list, live in the address (a reload, a
 * shared link keeps them), and the API filters and pages the same way.
 */
class JobsDashboardTests {

	private static final Pattern RUN_LINK = Pattern.compile("href=\"/jobs/(\\d+)\"");

	private static WebService service;

	private static long failedUpload;

	private static long springImport;

	private static long export;

	@BeforeAll
	static void runs() throws IOException {
		service = WebService.start("JobsDashboardTests").withAnnAndDan();
		SandboxedKapta kapta = service.kapta();
		MailchimpSandbox sandbox = kapta.restart(SandboxOptions.defaults().withTags(List.of("Champion")));
		kapta.load("ann@example.com,Ann,,");
		export = service.bean(ExportLauncher.class).launchIntoJobsFolder(false).getId();
		Path home = Files.createDirectories(service.bean(KaptaProperties.class).dataDir().resolveSibling("workbooks"));
		Path spring = Workbooks.xlsx(home.resolve("spring-list.xlsx"),
				List.of(List.of("Email Address", "Champion"), List.of("ann@example.com", "Y")));
		springImport = service.bean(ImportLauncher.class).launch(spring, true).getId();
		sandbox.failRequestsAfter(0);
		JobExecution upload = service.bean(UploadLauncher.class).launch(List.of("Summer"), false);
		sandbox.failRequestsAfter(-1);
		assertThat(upload.getStatus()).isEqualTo(BatchStatus.FAILED);
		failedUpload = upload.getId();
		assertThat(Files.exists(spring)).isTrue();
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@Test
	void filtersNarrowTheListAndLiveInTheAddress() {
		WebService.Browser dan = service.browser().signIn("dan", "dan's long password");
		assertThat(runsOn(dan, "/jobs")).contains(failedUpload, springImport, export);

		assertThat(runsOn(dan, "/jobs?job=upload")).containsExactly(failedUpload);
		assertThat(runsOn(dan, "/jobs?status=FAILED")).containsExactly(failedUpload);
		assertThat(runsOn(dan, "/jobs?status=COMPLETED&job=export")).containsExactly(export);
		assertThat(runsOn(dan, "/jobs?parameter=SPRING-list")).containsExactly(springImport);
		assertThat(runsOn(dan, "/jobs?parameter=Summer")).as("a launch tag").containsExactly(failedUpload);
		assertThat(runsOn(dan, "/jobs?parameter=100%25")).as("% is a character, not a wildcard").isEmpty();
		String today = LocalDate.now().toString();
		assertThat(runsOn(dan, "/jobs?from=" + today + "&to=" + today)).contains(failedUpload, springImport, export);
		String tomorrow = LocalDate.now().plusDays(1).toString();
		String none = dan.send(dan.request("/jobs?from=" + tomorrow)).body();
		assertThat(none).contains("No run matches.");

		// the page shows what it filters by, so a reload or a shared link keeps it
		String page = dan.send(dan.request("/jobs?job=upload&status=FAILED&parameter=Summer")).body();
		assertThat(page).contains("<option value=\"upload\" selected=\"selected\">Upload To Mailchimp</option>",
				"<option value=\"FAILED\" selected=\"selected\">Failed</option>", "value=\"Summer\"");

		String wrong = dan.send(dan.request("/jobs?status=DONE")).body();
		assertThat(wrong).contains("No run status is called DONE");
	}

	@Test
	void theApiFiltersAndPagesTheSameWay() {
		assertThat(api("/api/jobs?job=import").body()).contains("\"executionId\":" + springImport)
			.doesNotContain("\"executionId\":" + export);
		String first = api("/api/jobs?limit=1").body();
		assertThat(first).contains("\"executionId\":" + failedUpload);
		String next = api("/api/jobs?limit=1&before=" + failedUpload).body();
		assertThat(next).contains("\"executionId\":" + springImport);
		HttpResponse<String> refused = api("/api/jobs?from=2026-12-02&to=2026-12-01");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("before the first");
	}

	private static List<Long> runsOn(WebService.Browser browser, String page) {
		HttpResponse<String> answer = browser.send(browser.request(page));
		assertThat(answer.statusCode()).as(page).isEqualTo(200);
		Matcher links = RUN_LINK.matcher(answer.body());
		List<Long> ids = new ArrayList<>();
		while (links.find()) {
			ids.add(Long.parseLong(links.group(1)));
		}
		return ids;
	}

	private static HttpResponse<String> api(String path) {
		WebService.Browser api = service.browser();
		return api.send(api.request(path).header("Authorization", WebService.basic("dan")));
	}

}
