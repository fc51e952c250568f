package com.kapta.mailchimp.web;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.database.JobLocks;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.workbook.Workbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An uploaded workbook over real HTTP: refused while an import runs before a byte of it
 * is kept (nothing left behind), and what the data team is shown of its run names files
 * in the jobs folder, never the server's own paths.
 */
class ImportUploadTests {

	private static WebService service;

	private static SandboxedKapta kapta;

	private static Path dataDir;

	private static Path jobsDir;

	@BeforeAll
	static void start() {
		service = WebService.start("ImportUploadTests").withAnnAndDan();
		kapta = service.kapta();
		kapta.restart(SandboxOptions.defaults().withTags(List.of("Champion")));
		dataDir = service.bean(KaptaProperties.class).dataDir().toAbsolutePath().normalize();
		jobsDir = service.bean(KaptaProperties.class).jobsDir().toAbsolutePath().normalize();
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@Test
	void anUploadRefusedBecauseAnImportRunsKeepsNothingOfIt() throws Exception {
		byte[] workbook = workbook("refused");
		// where uploads are kept is blocked: a copy made before the refusal would fail
		// there
		Path uploads = dataDir.resolve("uploads");
		deleteAll(uploads);
		Files.writeString(uploads, "not a folder");
		try (JobLocks.Lease otherImport = service.bean(JobLocks.class).tryLock("import").orElseThrow()) {
			HttpResponse<String> refused = upload(workbook, false);
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
			assertThat(refused.body()).contains("is already running");
		}
		Files.delete(uploads);
		assertThat(processing()).isEmpty();

		HttpResponse<String> started = upload(workbook, false);
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		String run = started.headers().firstValue("Location").orElseThrow();
		await().atMost(Duration.ofSeconds(30)).until(() -> api(run).body(), (body) -> body.contains("COMPLETED"));
		// the run shows COMPLETED as its last listeners move the file and drop the copy
		await().atMost(Duration.ofSeconds(10)).until(() -> processing().isEmpty());
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			try (Stream<Path> left = Files.list(uploads)) {
				assertThat(left).as("the upload's own copy is gone once its run ended").isEmpty();
			}
		});
	}

	@Test
	void theDataTeamIsShownFilesInTheJobsFolderNeverTheServersPaths() throws Exception {
		List<String> shown = new ArrayList<>();
		for (boolean dryRun : new boolean[] { true, false }) {
			String run = upload(workbook("shown-" + dryRun), dryRun).headers().firstValue("Location").orElseThrow();
			await().atMost(Duration.ofSeconds(30)).until(() -> api(run).body(), (body) -> body.contains("COMPLETED"));
			shown.add(api(run).body());
			shown.add(api("/api/jobs").body());
			WebService.Browser dan = service.browser().signIn("dan", "dan's long password");
			shown.add(dan.send(dan.request(run.replace("/api", ""))).body());
		}
		// a file that fails: its reason names it too
		Path bad = jobsDir.resolve("import").resolve("notes.xlsx");
		Files.createDirectories(bad.getParent());
		Files.writeString(bad, "Dear team, the list is attached.\n");
		HttpResponse<String> failed = upload(Files.readAllBytes(bad), false);
		String run = failed.headers().firstValue("Location").orElseThrow();
		await().atMost(Duration.ofSeconds(30)).until(() -> api(run).body(), (body) -> body.contains("FAILED"));
		shown.add(api(run).body());
		shown.add(api("/api/jobs/import-folder").body());
		Files.delete(bad);

		for (String page : shown) {
			assertThat(page).doesNotContain(dataDir.toString(), jobsDir.toString(),
					dataDir.getParent().toString() + "/");
		}
		assertThat(String.join("\n", shown)).contains("file=import/processing/");
	}

	private static byte[] workbook(String name) throws IOException {
		Path dir = Files.createDirectories(dataDir.resolveSibling("workbooks"));
		Path file = Workbooks.xlsx(dir.resolve(name + ".xlsx"),
				List.of(List.of("Email Address", "Champion"), List.of(name + "@example.com", "Y")));
		return Files.readAllBytes(file);
	}

	private static HttpResponse<String> upload(byte[] workbook, boolean dryRun) {
		WebService.Browser api = service.browser();
		return api.send(api.multipart("/api/jobs/import", "contacts.xlsx", workbook, "dryRun", String.valueOf(dryRun))
			.header("Authorization", WebService.basic("dan")));
	}

	private static HttpResponse<String> api(String path) {
		WebService.Browser api = service.browser();
		return api.send(api.request(path).header("Authorization", WebService.basic("dan")));
	}

	private static List<Path> processing() throws IOException {
		Path folder = jobsDir.resolve("import").resolve("processing");
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.toList();
		}
	}

	private static void deleteAll(Path path) throws IOException {
		if (Files.isDirectory(path)) {
			try (Stream<Path> all = Files.walk(path)) {
				for (Path each : all.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(each);
				}
			}
		}
		else {
			Files.deleteIfExists(path);
		}
	}

}
