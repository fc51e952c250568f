package com.kapta.mailchimp.web;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.users.Role;
import com.kapta.mailchimp.users.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Jobs launched over the API against the sandbox: the answer comes at once with the run,
 * which is then followed to its end; refusals carry the command line's words.
 */
class WebApiJobsTests {

	private static final Pattern STATUS = Pattern.compile("\"status\":\"(\\w+)\"");

	private static WebService service;

	private static SandboxedKapta kapta;

	private WebService.Browser browser;

	@BeforeAll
	static void start() {
		service = WebService.start("WebApiJobsTests");
		kapta = service.kapta();
		service.bean(UserAccounts.class).add("ann", Role.ADMIN, "ann's long password");
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@BeforeEach
	void freshSandbox() {
		kapta.restart(SandboxOptions.defaults().withTags(List.of("Champion")));
		this.browser = service.browser();
	}

	@Test
	void anUploadAnswersAtOnceAndItsRunIsFollowedToItsEnd() {
		kapta.load("ann@example.com,Ann,Lee,", "bob@example.com,,,");

		HttpResponse<String> started = send(post("/api/jobs/upload", "{\"tags\":[\"Champion\"],\"dryRun\":false}"));

		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		String location = started.headers().firstValue("Location").orElseThrow();
		assertThat(location).matches("/api/jobs/\\d+");
		await().atMost(Duration.ofSeconds(30)).until(() -> status(send(get(location))).equals("COMPLETED"));
		assertThat(send(get(location)).body()).contains("\"job\":\"upload\"", "\"Added to Mailchimp\":\"2\"");
		assertThat(send(get("/api/jobs")).body()).contains("\"job\":\"upload\"", "\"apiCalls\":\"");
		assertThat(kapta.sandbox().audience().member("ann@example.com").orElseThrow().tags())
			.containsExactly("Champion");
	}

	@Test
	void aPreviewChangesNothing() {
		kapta.load("carl@example.com,,,");

		HttpResponse<String> started = send(post("/api/jobs/upload", "{\"dryRun\":true}"));
		String location = started.headers().firstValue("Location").orElseThrow();

		await().atMost(Duration.ofSeconds(30)).until(() -> status(send(get(location))).equals("COMPLETED"));
		assertThat(send(get(location)).body()).contains("\"Would be added\":\"1\"");
		assertThat(kapta.sandbox().audience().members()).isEmpty();
	}

	@Test
	void aFailedRunIsRestartedOverTheApiAndEndsAsAnUninterruptedOneWould() {
		kapta.load("ann@example.com,,,", "bob@example.com,,,");
		kapta.sandbox().failWritesAfter(0);
		HttpResponse<String> launched = send(post("/api/jobs/upload", "{\"tags\":[\"Champion\"]}"));
		assertThat(launched.statusCode()).as(launched.body()).isEqualTo(202);
		String failed = launched.headers().firstValue("Location").orElseThrow();
		await().atMost(Duration.ofSeconds(30)).until(() -> status(send(get(failed))).equals("FAILED"));
		assertThat(send(get(failed)).body()).contains("\"failure\":");

		kapta.sandbox().failWritesAfter(-1);
		HttpResponse<String> restarted = send(post(failed + "/restart", ""));

		assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(202);
		String location = restarted.headers().firstValue("Location").orElseThrow();
		await().atMost(Duration.ofSeconds(30)).until(() -> status(send(get(location))).equals("COMPLETED"));
		assertThat(kapta.sandbox().audience().member("bob@example.com").orElseThrow().tags())
			.containsExactly("Champion");
	}

	@Test
	void aFileThatIsNoWorkbookFailsAsADroppedOneAndTheFolderListingSaysWhy() {
		HttpResponse<String> started = send(signedIn(this.browser.multipart("/api/jobs/import", "notes.xlsx",
				"just some text".getBytes(StandardCharsets.UTF_8), "dryRun", "false")));
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		String location = started.headers().firstValue("Location").orElseThrow();
		await().atMost(Duration.ofSeconds(30)).until(() -> status(send(get(location))).equals("FAILED"));

		String folder = send(get("/api/jobs/import-folder")).body();
		assertThat(folder).contains("\"state\":\"failed\"", "-notes.xlsx\"",
				"The file is not an xlsx workbook (it looks like text or CSV).");

		// the console's Jobs page lists it too
		WebService.Browser console = service.browser();
		console.send(console.request("/login")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers
				.ofString("username=ann&password=ann%27s+long+password&_csrf=" + console.csrf("/login"))));
		assertThat(console.send(console.request("/jobs")).body()).contains("Import folder", "-notes.xlsx",
				"The file is not an xlsx workbook");
	}

	@Test
	void aLaunchTheIntegrationRefusesIsAProblemInTheCommandLinesWords() {
		service.bean(SettingsService.class).save(new SettingsChange(false, null, null, null));

		HttpResponse<String> refused = send(post("/api/jobs/download-tags", "{\"dryRun\":false}"));

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("The Mailchimp integration is disabled");
		assertThat(send(get("/api/jobs/999999")).statusCode()).isEqualTo(404);
	}

	private HttpRequest.Builder get(String path) {
		return signedIn(this.browser.request(path));
	}

	private HttpRequest.Builder post(String path, String json) {
		return signedIn(this.browser.request(path)).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json));
	}

	private static HttpRequest.Builder signedIn(HttpRequest.Builder request) {
		return request.header("Authorization", "Basic "
				+ Base64.getEncoder().encodeToString("ann:ann's long password".getBytes(StandardCharsets.UTF_8)));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		return this.browser.send(request);
	}

	private static String status(HttpResponse<String> answer) {
		Matcher status = STATUS.matcher(answer.body());
		return status.find() ? status.group(1) : "";
	}

}
