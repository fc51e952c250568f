package com.kapta.mailchimp.web;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.contact.ContactCsvLoader;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.users.Role;
import com.kapta.mailchimp.users.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;

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
		kapta = new SandboxedKapta(service.bean(JdbcTemplate.class), service.bean(SettingsService.class),
				service.bean(ContactCsvLoader.class));
		service.bean(UserAccounts.class).add("ann", Role.ADMIN, "ann's long password");
		service.bean(UserAccounts.class).add("dan", Role.DATA, "dan's long password");
	}

	@AfterAll
	static void stop() {
		kapta.close();
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

		assertThat(page).contains("Saved.", "Kapta Contacts", this.sandbox.baseUrl(), "stored: ****-us1");
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
	void saveAndSynchronizeVerifiesSavesAndShowsTheRunsSummaries() {
		kapta.load("ann@example.com,Ann,Lee,");

		String wrong = submit("synchronize", true, this.sandbox.baseUrl(), this.sandbox.apiKey(), "No Such List")
			.body();
		assertThat(wrong).contains("Mailchimp has no audience named", "&#39;Kapta Contacts&#39;", "Nothing was saved");
		assertThat(service.bean(SettingsService.class).current().audienceName()).isNull();

		String page = submit("synchronize", true, this.sandbox.baseUrl(), this.sandbox.apiKey(), "Kapta Contacts")
			.body();
		assertThat(page).contains("Verified with Mailchimp, saved and synchronized.", "upload COMPLETED",
				"downloadTags COMPLETED", "Added to Mailchimp");
		assertThat(this.sandbox.audience().member("ann@example.com")).isPresent();
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
		assertThat(dan.send(dan.request("/")).body()).doesNotContain("href=\"/settings\"");
		assertThat(dan.send(dan.request("/jobs")).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> submit(String action, boolean enabled, String apiUrl, String apiKey, String audience) {
		String form = (enabled ? "enabled=true&" : "") + "apiUrl=" + encode(apiUrl) + "&apiKey=" + encode(apiKey)
				+ "&audienceName=" + encode(audience) + "&action=" + action + "&_csrf="
				+ this.browser.csrf("/settings");
		HttpResponse<String> answer = this.browser.send(this.browser.request("/settings")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(form)));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return answer;
	}

	private static WebService.Browser signIn(String user, String password) {
		WebService.Browser browser = service.browser();
		HttpRequest.Builder form = browser.request("/login")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers
				.ofString("username=" + user + "&password=" + encode(password) + "&_csrf=" + browser.csrf("/login")));
		assertThat(browser.send(form).headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
		return browser;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
