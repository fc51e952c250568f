package com.kapta.mailchimp.web;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.users.Role;
import com.kapta.mailchimp.users.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's Integrations page as a signed-in browser uses it, over real HTTP against
 * the sandbox: Save, Save And Synchronize, refusals beside the form, and what is never
 * shown.
 */
class WebConsoleTests {

	private static WebService service;

	private static SandboxedKapta kapta;

	private MailchimpSandbox sandbox;

	private WebService.Browser browser;

	@BeforeAll
	static void start() {
		service = WebService.start("WebConsoleTests");
		kapta = service.kapta();
		service.bean(UserAccounts.class).add("ann", Role.ADMIN, "ann's long password");
		service.bean(UserAccounts.class).add("dan", Role.DATA, "dan's long password");
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@BeforeEach
	void signedInWithAFreshSandbox() {
		this.sandbox = kapta.restart(SandboxOptions.defaults().withTags(List.of("Champion")));
		service.bean(SettingsService.class).save(new SettingsChange(false, "", "", ""));
		this.browser = signIn("ann", "ann's long password");
	}

	@Test
	void saveStoresWithoutCallingMailchimpAndNeverShowsTheKey() {
		long before = this.sandbox.stats().totalRequests();

		String page = submit("save", true, this.sandbox.baseUrl(), this.sandbox.apiKey(), "Kapta Contacts").body();

		assertThat(page).contains("Saved.", "Kapta Contacts", this.sandbox.baseUrl(), "Stored: ****-us1");
		assertThat(page).doesNotContain(this.sandbox.apiKey());
		assertThat(this.sandbox.stats().totalRequests()).isEqualTo(before);
		assertThat(this.browser.send(this.browser.request("/settings")).body()).doesNotContain(this.sandbox.apiKey());
	}

	@Test
	void aBadKeyIsRefusedBesideTheFormAndNothingIsSaved() {
		String page = submit("save", true, "", "not-a-key", "Typed Audience").body();

		assertThat(page).contains("An API key must look like", "value=\"Typed Audience\"").doesNotContain("Saved.");
		assertThat(service.bean(SettingsService.class).current().audienceName()).isNull();
	}

	@Test
	void theNewMembersChoiceIsSavedFromTheFormAndAStatusMailchimpHasNotIsRefused() {
		String page = choose("pending").body();
		assertThat(page).contains("Saved.", "<option value=\"pending\" selected=\"selected\">",
				"pending, as chosen: Mailchimp asks each to confirm");
		assertThat(service.bean(SettingsService.class).current().newMemberStatus()).isEqualTo("pending");

		String refused = choose("<b>confirmed</b>").body();
		assertThat(refused).contains("The new member status must be one of audience, subscribed, pending")
			.contains("&lt;b&gt;confirmed&lt;/b&gt;")
			.doesNotContain("<b>confirmed</b>")
			.doesNotContain("Saved.");
		assertThat(service.bean(SettingsService.class).current().newMemberStatus()).isEqualTo("pending");
	}

	private HttpResponse<String> choose(String newMemberStatus) {
		String form = "apiUrl=" + encode(this.sandbox.baseUrl()) + "&apiKey=" + encode(this.sandbox.apiKey())
				+ "&audienceName=Kapta+Contacts&action=save&newMemberStatus=" + encode(newMemberStatus) + "&_csrf="
				+ this.browser.csrf("/settings");
		HttpResponse<String> answer = this.browser.send(this.browser.request("/settings")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(form)));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return answer;
	}

	@Test
	void saveAndSynchronizeVerifiesSavesAndShowsTheRunsSummaries() {
		kapta.load("ann@example.com,Ann,Lee,");

		String wrong = submit("synchronize", true, this.sandbox.baseUrl(), this.sandbox.apiKey(), "No Such List")
			.body();
		assertThat(wrong).contains("Mailchimp has no audience named", "&#39;Kapta Contacts&#39;", "Nothing was saved");
		assertThat(service.bean(SettingsService.class).current().audienceName()).isNull();

		// verified and saved in the request; then the page follows the synchronization
		// live,
		// and asking for it again submits nothing again
		HttpResponse<String> started = send("synchronize", true, this.sandbox.baseUrl(), this.sandbox.apiKey(),
				"Kapta Contacts");
		assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
		String follow = started.headers().firstValue("Location").orElseThrow();
		assertThat(follow).matches(".*/settings/synchronization/\\d+");
		String page = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.browser.send(this.browser.request(follow)).body(),
					(body) -> body.contains("Verified with Mailchimp, saved and synchronized."));
		assertThat(page).contains("Upload To Mailchimp · Completed", "Download To Kapta · Completed",
				"Added to Mailchimp", "data-running=\"false\"");
		long runs = service.bean(JdbcTemplate.class)
			.queryForObject("SELECT COUNT(*) FROM batch_job_execution", Long.class);
		this.browser.send(this.browser.request(follow));
		assertThat(
				service.bean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM batch_job_execution", Long.class))
			.isEqualTo(runs);
		assertThat(this.sandbox.audience().member("ann@example.com")).isPresent();
	}

	@Test
	void theUploadDialogLaunchesWithTheTickedAndTypedTagsAndTheRunPageFollowsIt() {
		kapta.load("ann@example.com,Ann,Lee,", "bob@example.com,,,");
		service.bean(SettingsService.class)
			.save(new SettingsChange(true, this.sandbox.baseUrl(), this.sandbox.apiKey(), "Kapta Contacts"));
		// looking at the dialog asks Mailchimp nothing; opening it from the Mailchimp
		// page
		// refreshes the audience's tags first
		long requests = this.sandbox.stats().totalRequests();
		assertThat(this.browser.send(this.browser.request("/upload")).body()).doesNotContain("value=\"Champion\"");
		assertThat(this.sandbox.stats().totalRequests()).isEqualTo(requests);
		assertThat(post("/upload/tags", "").headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/?upload"));
		assertThat(this.browser.send(this.browser.request("/upload")).body()).contains("value=\"Champion\"");

		HttpResponse<String> launched = post("/upload",
				"tag=Champion&newTags=" + encode("Summer 2026") + "&preview=false");
		String runPage = launched.headers().firstValue("Location").orElseThrow();
		assertThat(runPage).matches(".*/jobs/\\d+");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.browser.send(this.browser.request(runPage + "/state")).body(),
					(state) -> state.contains("\"status\":\"COMPLETED\"") && state.contains("\"running\":false"));

		String page = this.browser.send(this.browser.request(runPage)).body();
		assertThat(page).contains("COMPLETED", "Added to Mailchimp", "Report: upload-");
		assertThat(this.sandbox.audience().member("bob@example.com").orElseThrow().tags())
			.containsExactlyInAnyOrder("Champion", "Summer 2026");
		HttpResponse<String> report = this.browser.send(this.browser.request(runPage + "/report"));
		assertThat(report.statusCode()).isEqualTo(200);
		assertThat(report.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((disposition) -> assertThat(disposition).startsWith("attachment").contains(".xlsx"));
	}

	@Test
	void theDataTeamExportsDownloadsAndImportsTheWorkbookBack() {
		kapta.load("ann@example.com,Ann,Lee,Champion", "bob@example.com,,,");
		service.bean(SettingsService.class)
			.save(new SettingsChange(true, this.sandbox.baseUrl(), this.sandbox.apiKey(), "Kapta Contacts"));
		WebService.Browser dan = signIn("dan", "dan's long password");

		String exportRun = postAs(dan, "/data/export", "", "/data").headers().firstValue("Location").orElseThrow();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> dan.send(dan.request(exportRun)).body(), (page) -> page.contains("Download the workbook"));
		HttpResponse<byte[]> workbook = dan.bytes(dan.request(exportRun + "/workbook"));
		assertThat(workbook.statusCode()).isEqualTo(200);
		assertThat(workbook.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((disposition) -> assertThat(disposition).contains("mailchimp-contacts-and-tags-"));

		// the name a browser sends is made safe: no way out of Kapta's folders
		HttpResponse<String> imported = dan.send(dan.multipart("/data/import", "../../../../tmp/evil name?.xlsx",
				workbook.body(), "_csrf", dan.csrf("/data"), "preview", "true"));
		String importRun = imported.headers().firstValue("Location").orElseThrow();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> dan.send(dan.request(importRun)).body(), (page) -> page.contains("COMPLETED"));
		assertThat(dan.send(dan.request(importRun)).body()).contains("Rows read", "evil name_.xlsx")
			.doesNotContain("../");
	}

	@Test
	void aRefusedLaunchComesBackWithTheCommandLinesWords() {
		HttpResponse<String> refused = post("/download", "preview=true");

		assertThat(refused.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/"));
		assertThat(this.browser.send(this.browser.request("/")).body())
			.contains("The Mailchimp integration is disabled");
	}

	@Test
	void markupTypedByAUserIsShownAsText() {
		String page = submit("save", false, "", "", "<script>alert('x')</script>").body();

		assertThat(page).contains("&lt;script&gt;").doesNotContain("<script>alert");
	}

	@Test
	void theDataRoleHasNoIntegrationsPage() {
		WebService.Browser dan = signIn("dan", "dan's long password");

		assertThat(dan.send(dan.request("/settings")).statusCode()).isEqualTo(403);
		assertThat(dan.send(dan.request("/upload")).statusCode()).isEqualTo(403);
		assertThat(dan.send(dan.request("/")).body()).doesNotContain("href=\"/settings\"");
		assertThat(dan.send(dan.request("/jobs")).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> submit(String action, boolean enabled, String apiUrl, String apiKey, String audience) {
		HttpResponse<String> answer = send(action, enabled, apiUrl, apiKey, audience);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return answer;
	}

	private HttpResponse<String> send(String action, boolean enabled, String apiUrl, String apiKey, String audience) {
		String form = (enabled ? "enabled=true&" : "") + "apiUrl=" + encode(apiUrl) + "&apiKey=" + encode(apiKey)
				+ "&audienceName=" + encode(audience) + "&action=" + action + "&_csrf="
				+ this.browser.csrf("/settings");
		return this.browser.send(this.browser.request("/settings")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(form)));
	}

	private static HttpResponse<String> postAs(WebService.Browser browser, String path, String form, String csrfFrom) {
		HttpResponse<String> answer = browser.send(browser.request(path)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(form + "&_csrf=" + browser.csrf(csrfFrom))));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
		return answer;
	}

	private HttpResponse<String> post(String path, String form) {
		HttpResponse<String> answer = this.browser.send(this.browser.request(path)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(form + "&_csrf=" + this.browser.csrf("/upload"))));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
		return answer;
	}

	private static WebService.Browser signIn(String user, String password) {
		return service.browser().signIn(user, password);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
