package com.kapta.mailchimp.web;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.audit.Actor;
import com.kapta.mailchimp.audit.AuditEvent;
import com.kapta.mailchimp.audit.AuditTrail;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.users.UserAccounts;
import com.kapta.mailchimp.workbook.Workbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who did what, over real HTTP on the whole service: a data user's import and an admin's
 * upload appear in the audit with their names, channel and address, and the run's page
 * names who launched it; a Run now of the nightly download is the schedule's; settings,
 * users, a token and refused sign-ins are recorded without any secret; the Activity page
 * filters, pages and exports; a Communications-tab edit shows in the contact's history
 * with its user, a download's change with its run; a data user is refused the Activity
 * page and other users' actions.
 */
class ActivityTests {

	private static final String NAME = "ActivityTests";

	private static final String[] QUICK = { "--kapta.schedule.control-check=200ms", "--kapta.schedule.import-poll=1h",
			"--kapta.schedule.push=1h", "--kapta.schedule.recovery-check=1h" };

	private static final Pattern RUN_ID = Pattern.compile("\"id\":(\\d+)");

	private static WebService service;

	private static MailchimpSandbox sandbox;

	@BeforeAll
	static void start() {
		service = WebService.service(NAME, false, QUICK).withAnnAndDan();
		sandbox = service.kapta().restart(SandboxOptions.defaults().withTags(List.of("Champion", "Old Tag")));
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@Test
	void aDataUsersImportAndAnAdminsUploadAppearWithTheirNamesAndAddressAndTheRunPageNamesThem(@TempDir Path dir)
			throws Exception {
		service.kapta().load("ann@example.com,,,");
		byte[] workbook = Files.readAllBytes(Workbooks.xlsx(dir.resolve("in.xlsx"),
				List.of(List.of("Email Address", "Champion"), List.of("imported@example.com", "Y"))));
		WebService.Browser client = service.browser();
		HttpResponse<String> imported = client
			.send(client.multipart("/api/jobs/import", "team-list.xlsx", workbook, "dryRun", "false")
				.header("Authorization", WebService.basic("dan")));
		assertThat(imported.statusCode()).as(imported.body()).isEqualTo(202);
		long importRun = runId(imported);
		HttpResponse<String> uploaded = api("POST", "/api/jobs/upload", "{\"tags\":[\"Champion\"]}", "ann");
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(202);
		long uploadRun = runId(uploaded);
		awaitEnd(importRun);
		awaitEnd(uploadRun);

		String launched = api("GET", "/api/audit?what=job-launched", null, "ann").body();
		assertThat(launched)
			.contains("{\"id\":",
					"\"who\":\"dan\",\"from\":\"api\",\"address\":\"127.0.0.1\","
							+ "\"what\":\"job-launched\",\"words\":\"job launched\",\"subject\":\"import\",\"run\":"
							+ importRun)
			.contains("\"who\":\"ann\",\"from\":\"api\",\"address\":\"127.0.0.1\",\"what\":\"job-launched\","
					+ "\"words\":\"job launched\",\"subject\":\"upload\",\"run\":" + uploadRun)
			.contains("tags=Champion")
			.doesNotContain("file-imported");
		String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(workbook));
		assertThat(api("GET", "/api/audit?what=file-imported&who=dan", null, "dan").body())
			.contains("\"subject\":\"team-list.xlsx\",\"run\":" + importRun, "SHA-256 " + sha256);

		assertThat(api("GET", "/api/jobs/" + importRun, null, "dan").body())
			.contains("\"actions\":[{\"what\":\"job-launched\",\"who\":\"dan\",\"from\":\"api\",\"at\":")
			.doesNotContain("127.0.0.1");
		WebService.Browser ann = service.browser().signIn("ann", "ann's long password");
		assertThat(ann.send(ann.request("/jobs/" + importRun)).body()).contains("Launched by dan (api)");
		assertThat(ann.send(ann.request("/jobs/" + uploadRun)).body()).contains("Launched by ann (api)")
			.doesNotContain("127.0.0.1");
	}

	@Test
	void aRunNowOfTheNightlyDownloadIsTheSchedulesAndItsChangesAreInTheContactsHistory() {
		service.kapta().load("champ@example.com,,,Old Tag");
		sandbox.audience().putMember("champ@example.com", "subscribed", "Champion");
		long before = lastAuditId();
		assertThat(api("POST", "/api/schedule/download-tags/run", null, "ann").statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> api("GET", "/api/audit?who=schedule&what=job-launched", null, "ann").body(),
					(body) -> body.contains("\"subject\":\"downloadTags\""));
		String scheduled = api("GET", "/api/audit?who=schedule&what=job-launched", null, "ann").body();
		long run = Long.parseLong(between(scheduled, "\"subject\":\"downloadTags\",\"run\":", ","));
		assertThat(run).isGreaterThan(0);
		assertThat(api("GET", "/api/audit?what=schedule-changed", null, "ann").body()).contains(
				"\"who\":\"ann\",\"from\":\"api\"", "\"subject\":\"Nightly Download To Kapta\"",
				"\"detail\":\"run now asked\"");
		assertThat(lastAuditId()).isGreaterThan(before);
		awaitEnd(run);

		String history = api("GET", "/api/contacts/champ@example.com/history", null, "dan").body();
		assertThat(history).contains("\"email\":\"champ@example.com\"",
				"\"change\":\"tag-removed\",\"value\":\"Old Tag\"", "\"job\":\"Download To Kapta\",\"run\":" + run,
				"\"text\":\"Download To Kapta (run " + run + "): tag Old Tag removed — removed on Mailchimp\"",
				"tag Champion added — on Mailchimp");
		assertThat(api("GET", "/api/contacts/nobody@example.com/history", null, "dan").statusCode()).isEqualTo(404);
	}

	@Test
	void aCommunicationsTabEditShowsInTheContactsHistoryWithItsUser() {
		service.kapta().load("edit@example.com,,,Old Tag");
		WebService.Browser ann = service.browser().signIn("ann", "ann's long password");
		String page = "/contact?email=" + URLEncoder.encode("edit@example.com", StandardCharsets.UTF_8);
		HttpResponse<String> saved = ann.send(ann.request("/contact")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("email=edit%40example.com&tag=Champion&newTags=&_csrf=" + ann.csrf(page))));
		assertThat(saved.statusCode()).isEqualTo(302);

		String shown = ann.send(ann.request(page)).body();
		assertThat(shown).contains("id=\"contact-history\"", "tag Champion added", "tag Old Tag removed",
				"ann (console)", "by hand");
		assertThat(api("GET", "/api/audit?what=contact-tagged&who=ann", null, "ann").body()).contains(
				"\"from\":\"console\",\"address\":\"127.0.0.1\"", "\"subject\":\"edit@example.com\"",
				"\"detail\":\"added: Champion; removed: Old Tag\"");
	}

	@Test
	void settingsUsersATokenAndRefusedSignInsAreRecordedAndNoRowHoldsASecret() throws Exception {
		String key = sandbox.apiKey();
		String newKey = "0123456789abcdef0123456789abcdef" + key.substring(key.lastIndexOf('-'));
		HttpResponse<String> saved = api("PUT", "/api/settings", "{\"apiKey\":\"" + newKey + "\"}", "ann");
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
		// the sandbox's own key back, so that the other tests' runs reach it
		assertThat(api("PUT", "/api/settings", "{\"apiKey\":\"" + sandbox.apiKey() + "\"}", "ann").statusCode())
			.isEqualTo(200);
		assertThat(api("GET", "/api/audit?what=settings-saved&who=ann", null, "ann").body())
			.contains("\"detail\":\"API key replaced\"");

		WebService.Browser stranger = service.browser();
		refusedSignIn(stranger, "dan", "not dan's password");
		refusedSignIn(stranger, "my secret passphrase typed as a name", "whatever");
		assertThat(stranger.send(stranger.request("/api/contacts").header("Authorization", "Bearer kapta_forged"))
			.statusCode()).isEqualTo(401);
		String token = service.bean(UserAccounts.class).token("dan");
		service.bean(UserAccounts.class).role("dan", com.kapta.mailchimp.users.Role.DATA);

		String refused = api("GET", "/api/audit?what=sign-in-refused", null, "ann").body();
		assertThat(refused)
			.contains("\"who\":\"(not signed in)\",\"from\":\"console\",\"address\":\"127.0.0.1\"",
					"\"subject\":\"dan\"", "\"subject\":\"an unknown username\"",
					"\"from\":\"api\",\"address\":\"127.0.0.1\",\"what\":\"sign-in-refused\"",
					"\"subject\":\"an API token\"")
			.doesNotContain("passphrase");
		String cli = Actor.commandLine().who();
		assertThat(api("GET", "/api/audit?who=" + cli, null, "ann").body()).contains(
				"\"from\":\"cli\",\"address\":null,\"what\":\"token-issued\"", "\"what\":\"role-changed\"",
				"\"detail\":\"data → data\"");

		// every action recorded so far, read as a whole: no key, password or token
		String everything = String.join("\n",
				service.bean(JdbcTemplate.class)
					.queryForList("SELECT * FROM audit_event")
					.stream()
					.map(Object::toString)
					.toList());
		assertThat(everything).contains("SIGN_IN_REFUSED", "TOKEN_ISSUED", "SETTINGS_SAVED")
			.doesNotContain(newKey, sandbox.apiKey(), "0123456789abcdef", "ann's long password", "dan's long password",
					"not dan's password", token, token.substring(6));
	}

	@Test
	void theActivityPageFiltersPagesAndExportsTheSameActionsAsAWorkbook() throws Exception {
		Actor pager = new Actor("pager", Actor.Channel.CLI, null);
		for (int i = 0; i < 60; i++) {
			int n = i;
			Actor.as(pager, () -> service.bean(AuditTrail.class)
				.record(AuditEvent.CONTACT_ADDED, "p" + n + "@example.com", "<b>not markup</b>"));
		}
		WebService.Browser ann = service.browser().signIn("ann", "ann's long password");
		String first = ann.send(ann.request("/activity?who=pager")).body();
		assertThat(first).as("the console's own page: its menus, the user named")
			.contains("Signed in as <strong>ann</strong>", "href=\"/activity\" aria-current=\"page\"");
		assertThat(first).contains("p59@example.com", "p10@example.com", "Older actions", "&lt;b&gt;not markup")
			.doesNotContain("p9@example.com", "<b>not markup</b>");
		Matcher older = Pattern.compile("href=\"(/activity\\?who=pager[^\"]*before=\\d+)\"").matcher(first);
		assertThat(older.find()).isTrue();
		String second = ann.send(ann.request(older.group(1).replace("&amp;", "&"))).body();
		assertThat(second).contains("p9@example.com", "p0@example.com").doesNotContain("p10@example.com", "Older");

		String today = LocalDate.now().toString();
		String yesterday = LocalDate.now().minusDays(1).toString();
		assertThat(
				ann.send(ann.request("/activity?who=pager&what=contact-added&from=" + today + "&to=" + today)).body())
			.contains("p59@example.com");
		assertThat(ann.send(ann.request("/activity?who=pager&to=" + yesterday)).body()).contains("No action matches");
		assertThat(ann.send(ann.request("/activity?who=pager&what=user-added")).body()).contains("No action matches");
		assertThat(ann.send(ann.request("/activity?what=nonsense")).body()).contains("No such kind of action");
		assertThat(api("GET", "/api/audit?what=nonsense", null, "ann").statusCode()).isEqualTo(400);

		HttpResponse<byte[]> exported = ann.bytes(ann.request("/activity/workbook?who=pager"));
		assertThat(exported.statusCode()).isEqualTo(200);
		assertThat(exported.headers().firstValue("Content-Disposition").orElseThrow()).contains("kapta-activity.xlsx");
		try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(exported.body()))) {
			Sheet sheet = workbook.getSheet("Activity");
			assertThat(sheet.getLastRowNum()).isEqualTo(60);
			assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("Who");
			assertThat(sheet.getRow(1).getCell(5).getStringCellValue()).isEqualTo("p59@example.com");
			assertThat(sheet.getRow(60).getCell(7).getStringCellValue()).isEqualTo("<b>not markup</b>");
		}
	}

	@Test
	void aDataUserIsRefusedTheActivityPageAndOtherUsersActions() {
		api("GET", "/api/contacts", null, "dan");
		WebService.Browser dan = service.browser().signIn("dan", "dan's long password");
		assertThat(dan.send(dan.request("/activity")).statusCode()).isEqualTo(403);
		assertThat(dan.send(dan.request("/activity/workbook")).statusCode()).isEqualTo(403);
		assertThat(dan.send(dan.request("/")).body()).doesNotContain("href=\"/activity\"");
		assertThat(api("GET", "/api/audit", null, "dan").statusCode()).isEqualTo(403);
		assertThat(api("GET", "/api/audit?who=ann", null, "dan").statusCode()).isEqualTo(403);
		assertThat(api("GET", "/api/audit?who=ANN", null, "dan").statusCode()).isEqualTo(403);
		Actor.as(new Actor("dan", Actor.Channel.API, "127.0.0.1"),
				() -> service.bean(AuditTrail.class).record(AuditEvent.CONTACT_ADDED, "own@example.com", null));
		HttpResponse<String> own = api("GET", "/api/audit?who=dan", null, "dan");
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(own.body()).contains("own@example.com").doesNotContain("\"who\":\"ann\"");
		WebService.Browser ann = service.browser().signIn("ann", "ann's long password");
		assertThat(ann.send(ann.request("/")).body()).contains("href=\"/activity\"");
	}

	private static void refusedSignIn(WebService.Browser browser, String user, String password) {
		HttpResponse<String> answer = browser
			.send(browser.request("/login")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
						+ "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
						+ browser.csrf("/login"))));
		assertThat(answer.headers().firstValue("Location").orElseThrow()).contains("error");
	}

	private static long lastAuditId() {
		Long id = service.bean(JdbcTemplate.class).queryForObject("SELECT MAX(id) FROM audit_event", Long.class);
		return (id != null) ? id : 0;
	}

	private static void awaitEnd(long run) {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> api("GET", "/api/jobs/" + run, null, "ann").body(),
					(body) -> body.contains("\"status\":\"COMPLETED\"") || body.contains("\"status\":\"FAILED\""));
		assertThat(api("GET", "/api/jobs/" + run, null, "ann").body()).contains("\"status\":\"COMPLETED\"");
	}

	private static long runId(HttpResponse<String> answer) {
		Matcher id = RUN_ID.matcher(answer.body());
		assertThat(id.find()).as(answer.body()).isTrue();
		return Long.parseLong(id.group(1));
	}

	private static String between(String text, String before, String after) {
		int start = text.indexOf(before);
		assertThat(start).as(text).isNotNegative();
		start += before.length();
		return text.substring(start, text.indexOf(after, start));
	}

	private static HttpResponse<String> api(String method, String path, String json, String user) {
		WebService.Browser client = service.browser();
		return client.send(client.request(path)
			.header("Authorization", WebService.basic(user))
			.header("Content-Type", "application/json")
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody()));
	}

}
