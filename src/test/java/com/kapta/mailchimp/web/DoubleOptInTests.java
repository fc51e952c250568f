package com.kapta.mailchimp.web;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.TestHomes;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxCalls;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.upload.UploadLauncher;
import com.kapta.mailchimp.workbook.Workbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An audience that asks new subscribers to confirm (Mailchimp's double opt-in), end to
 * end over real HTTP: Save And Synchronize reads the audience's setting, upload, import
 * and push then create pending members (the upload's "new contacts only" and launch tags
 * holding for them), a person's confirmation reaches Kapta through the webhook, and the
 * choice can be overridden from the API and the console, which refuse a status Mailchimp
 * does not have.
 */
class DoubleOptInTests {

	private final int port = TestHomes.freePort();

	private WebService service;

	private MailchimpSandbox sandbox;

	@AfterEach
	void stop() {
		if (this.service != null) {
			this.service.close();
		}
		if (this.sandbox != null) {
			this.sandbox.close();
		}
	}

	@Test
	void newMembersArePendingWhenTheAudienceAsksAndBecomeSubscribedWhenThePersonConfirms() throws Exception {
		this.service = WebService
			.service("DoubleOptInTests", false, "--kapta.web.port=" + this.port,
					"--kapta.web.public-url=http://127.0.0.1:" + this.port + "/", "--kapta.webhook.poll=500ms")
			.withAnnAndDan();
		this.sandbox = this.service.kapta().restart(SandboxOptions.defaults().withTags(List.of("Launch", "Later")));
		this.sandbox.audience().setDoubleOptIn(true);
		this.service.kapta().load("pat@example.com,Pat,,");
		assertThat(api("GET", "/api/settings", "ann", null).body())
			.as("before Save And Synchronize nothing tells the audience's setting")
			.contains("\"newMemberStatus\":\"audience\"", "\"audienceDoubleOptIn\":null",
					"\"newMembersGet\":\"subscribed (Save And Synchronize reads");

		HttpResponse<String> synced = api("POST", "/api/settings/synchronize", "ann", "{}");
		assertThat(synced.statusCode()).as(synced.body()).isEqualTo(200);
		assertThat(synced.body()).contains("\"audienceDoubleOptIn\":true",
				"\"newMembersGet\":\"pending: the audience asks new subscribers to confirm");
		assertThat(mailchimpStatus("pat@example.com")).isEqualTo("pending");
		assertThat(this.service.kapta().status("pat@example.com")).isEqualTo("pending");

		this.service.kapta().load("rae@example.com,Rae,,");
		JobExecution upload = this.service.bean(UploadLauncher.class).launch(List.of("Launch"), false);
		assertThat(upload.getJobParameters().getString("newMemberStatus")).isEqualTo("pending");
		assertThat(mailchimpStatus("rae@example.com")).isEqualTo("pending");
		assertThat(this.sandbox.audience().member("rae@example.com").orElseThrow().tags()).containsExactly("Launch");
		assertThat(this.service.kapta().tags("rae@example.com")).containsExactly("Launch");
		assertThat(this.sandbox.audience().member("pat@example.com").orElseThrow().tags())
			.as("a pending member is a member: not uploaded again, so no launch tag")
			.isEmpty();
		this.service.bean(UploadLauncher.class).launch(List.of("Later"), false);
		assertThat(this.sandbox.audience().member("rae@example.com").orElseThrow().tags()).containsExactly("Launch");

		assertThat(api("POST", "/api/webhook", "ann", null).statusCode()).isEqualTo(200);
		HttpResponse<String> confirmed = SandboxCalls.send(this.sandbox, "PATCH",
				this.sandbox.baseUrl() + "/lists/" + this.sandbox.audienceId() + "/members/rae@example.com",
				"{\"status\":\"subscribed\"}", "user");
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> "subscribed".equals(this.service.kapta().status("rae@example.com")));
		assertThat(this.service.kapta().status("pat@example.com")).isEqualTo("pending");

		Path workbook = Workbooks.xlsx(this.service.bean(KaptaProperties.class).dataDir().resolveSibling("sid.xlsx"),
				List.of(List.of("Email Address", "Later"), List.of("sid@example.com", "Y")));
		HttpResponse<String> imported = importWorkbook(workbook);
		assertThat(imported.statusCode()).as(imported.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.sandbox.audience().member("sid@example.com").isPresent());
		assertThat(mailchimpStatus("sid@example.com")).isEqualTo("pending");

		HttpResponse<String> refused = api("PUT", "/api/settings", "ann", "{\"newMemberStatus\":\"maybe\"}");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("audience, subscribed, pending");
		HttpResponse<String> chosen = api("PUT", "/api/settings", "ann", "{\"newMemberStatus\":\"subscribed\"}");
		assertThat(chosen.body()).contains("\"newMemberStatus\":\"subscribed\"",
				"\"newMembersGet\":\"subscribed, as chosen (the audience asks for double opt-in");
		assertThat(api("PUT", "/api/settings", "dan", "{\"newMemberStatus\":\"pending\"}").statusCode())
			.as("admins only")
			.isEqualTo(403);
		assertThat(api("POST", "/api/contacts", "dan", "{\"email\":\"tam@example.com\",\"firstName\":\"Tam\"}")
			.statusCode()).isLessThan(300);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.sandbox.audience().member("tam@example.com").isPresent());
		assertThat(mailchimpStatus("tam@example.com")).isEqualTo("subscribed");
		assertThat(jdbc().queryForObject(
				"SELECT detail FROM audit_event WHERE event = 'SETTINGS_SAVED' ORDER BY id DESC LIMIT 1", String.class))
			.contains("new members as the audience asks → subscribed");
	}

	private String mailchimpStatus(String email) {
		return this.sandbox.audience().member(email).orElseThrow().status();
	}

	private JdbcTemplate jdbc() {
		return this.service.bean(JdbcTemplate.class);
	}

	private HttpResponse<String> importWorkbook(Path workbook) throws IOException {
		WebService.Browser api = this.service.browser();
		return api.send(api.multipart("/api/jobs/import", "sid.xlsx", Files.readAllBytes(workbook), "dryRun", "false")
			.header("Authorization", WebService.basic("dan")));
	}

	private HttpResponse<String> api(String method, String path, String user, String json) {
		return this.service.browser().api(method, path, user, json);
	}

}
