package com.kapta.mailchimp.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.batch.JobHistory;
import com.kapta.mailchimp.export.ExportLauncher;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.users.Role;
import com.kapta.mailchimp.users.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Links in the jobs folder, as a neighbour with write access to it would plant them: a
 * failed file's reason that is a link to a secret, an export's workbook replaced by one,
 * a link dropped into the import folder. None is followed: no listing, download or import
 * shows what they point to.
 */
class JobsFolderLinksTests {

	private static WebService service;

	private static Path data;

	private static Path jobs;

	@BeforeAll
	static void start() {
		service = WebService.start("JobsFolderLinksTests");
		service.bean(UserAccounts.class).add("dan", Role.DATA, "dan's long password");
		KaptaProperties properties = service.bean(KaptaProperties.class);
		data = properties.dataDir().toAbsolutePath();
		jobs = properties.jobsDir().toAbsolutePath();
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@Test
	void aReasonThatIsALinkIsNotReadAndALinkDroppedInIsNotTaken() throws Exception {
		Path secret = Files.writeString(data.resolve("secrets").resolve("planted-secret"), "the secret text");
		Path failed = Files.createDirectories(jobs.resolve("import").resolve("failed"));
		Files.writeString(failed.resolve("contacts.xlsx"), "not a workbook");
		Files.createSymbolicLink(failed.resolve("contacts.xlsx.reason.txt"), secret);
		Files.createSymbolicLink(jobs.resolve("import").resolve("linked.xlsx"), secret);
		Files.writeString(failed.resolve("long.xlsx"), "x");
		Files.writeString(failed.resolve("long.xlsx.reason.txt"), "r".repeat(100_000));

		String listing = get("/api/jobs/import-folder").body();

		assertThat(listing).contains("\"name\":\"contacts.xlsx\"", "\"reason\":null")
			.doesNotContain("the secret text", "linked.xlsx");
		assertThat(listing).as("a reason file shows its first 4 KB")
			.contains("r".repeat(4096))
			.doesNotContain("r".repeat(4097));
		WebService.Browser dan = service.browser().signIn("dan", "dan's long password");
		assertThat(dan.send(dan.request("/jobs")).body()).contains("contacts.xlsx")
			.doesNotContain("the secret text", "linked.xlsx");
	}

	@Test
	void anExportReplacedByALinkIsNotServed() throws Exception {
		SandboxedKapta kapta = service.kapta();
		kapta.restart(SandboxOptions.defaults());
		kapta.load("ann@example.com,,,");
		var run = service.bean(ExportLauncher.class).launchIntoJobsFolder(false);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> service.bean(JobHistory.class).find(run.getId()).orElseThrow().getStatus().name(),
					"COMPLETED"::equals);
		Path workbook = ExportLauncher.workbookOf(service.bean(JobHistory.class).find(run.getId()).orElseThrow());
		assertThat(get("/api/jobs/" + run.getId() + "/workbook").statusCode()).isEqualTo(200);

		Path secret = data.resolve("secrets").resolve("database-password");
		Files.delete(workbook);
		Files.createSymbolicLink(workbook, secret);

		HttpResponse<String> served = get("/api/jobs/" + run.getId() + "/workbook");
		assertThat(served.statusCode()).isEqualTo(404);
		assertThat(served.body()).doesNotContain(Files.readString(secret).strip());
		HttpResponse<String> page = get("/api/jobs/" + run.getId());
		assertThat(page.body()).doesNotContain(Files.readString(secret).strip());
	}

	private static HttpResponse<String> get(String path) {
		return service.browser()
			.send(HttpRequest.newBuilder(service.uri(path))
				.header("Authorization", "Basic " + Base64.getEncoder()
					.encodeToString("dan:dan's long password".getBytes(StandardCharsets.UTF_8))));
	}

}
