package com.kapta.mailchimp.web;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a browser is told to allow, and what another site's page cannot make it do, over
 * real HTTP: the console's security headers, no inline script, the import form's CSRF
 * token in its body, multipart bodies only where an import is uploaded, JSON bodies
 * capped, and the API refusing changes sent by a page of another origin, even one with
 * the user's Basic credentials (a browser caches them).
 */
class BrowserRulesTests {

	private static WebService service;

	@BeforeAll
	static void start() {
		service = WebService.start("BrowserRulesTests", "--kapta.web.max-json=2KB").withAnnAndDan();
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@Test
	void everyPageTellsTheBrowserToRunOnlyTheServicesOwnScriptsAndToSendNoAddressAway() {
		WebService.Browser dan = service.browser().signIn("dan", "dan's long password");
		for (String page : new String[] { "/login", "/", "/data", "/jobs", "/contacts" }) {
			HttpResponse<String> answer = dan.send(dan.request(page));
			assertThat(answer.statusCode()).as(page).isEqualTo(200);
			assertThat(answer.headers().firstValue("Content-Security-Policy")).as(page)
				.hasValue(WebSecurityConfiguration.CONTENT_SECURITY_POLICY);
			assertThat(answer.headers().firstValue("Referrer-Policy")).as(page).hasValue("same-origin");
			assertThat(answer.headers().firstValue("Permissions-Policy")).as(page)
				.hasValueSatisfying(
						(policy) -> assertThat(policy).contains("camera=()", "microphone=()", "geolocation=()"));
			assertThat(answer.headers().firstValue("X-Frame-Options")).as(page).hasValue("DENY");
			// plain http: no HSTS (a browser would ignore it, and it would lie about TLS)
			assertThat(answer.headers().firstValue("Strict-Transport-Security")).as(page).isEmpty();
			// under that policy an inline script would not run: there is none
			assertThat(answer.body()).as(page).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
		}
		HttpResponse<String> api = dan.send(basic("/api/jobs", "dan"));
		assertThat(api.headers().firstValue("Content-Security-Policy")).isPresent();
		// the console's script is a file of the service's own, served to anyone (it
		// holds nothing)
		HttpResponse<String> script = service.browser().send(service.browser().request("/js/console.js"));
		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.body()).contains("location.reload()");
	}

	@Test
	void theImportFormCarriesItsCsrfTokenInItsBodyAndIsRefusedWithoutIt() {
		WebService.Browser dan = service.browser().signIn("dan", "dan's long password");
		String form = dan.send(dan.request("/data")).body();
		assertThat(form).contains("action=\"/data/import\"").doesNotContain("_csrf=");

		HttpResponse<String> withToken = dan.send(dan.multipart("/data/import", "empty.xlsx", new byte[] { 1, 2 },
				"_csrf", dan.csrf("/data"), "preview", "true"));
		assertThat(withToken.statusCode()).isEqualTo(302);
		assertThat(withToken.headers().firstValue("Location").orElseThrow()).doesNotContain("login");

		long runs = runs();
		HttpResponse<String> without = dan
			.send(dan.multipart("/data/import", "empty.xlsx", new byte[] { 1, 2 }, "preview", "true"));
		assertThat(without.statusCode()).isEqualTo(403);
		assertThat(runs()).isEqualTo(runs);
	}

	@Test
	void aFileSentAnywhereButTheTwoImportsIsRefusedUnread() {
		WebService.Browser dan = service.browser().signIn("dan", "dan's long password");
		String token = dan.csrf("/data");
		for (String path : new String[] { "/contacts", "/data/export", "/login", "/jobs/1/restart" }) {
			HttpResponse<String> refused = dan
				.send(dan.multipart(path, "a.xlsx", new byte[64 * 1024], "_csrf", token, "q", "x"));
			assertThat(refused.statusCode()).as(path).isEqualTo(415);
		}
		for (String path : new String[] { "/api/contacts", "/api/jobs/export", "/api/settings" }) {
			HttpResponse<String> refused = dan.send(dan.multipart(path, "a.xlsx", new byte[64 * 1024], "q", "x")
				.header("Authorization", WebService.basic("ann")));
			assertThat(refused.statusCode()).as(path).isEqualTo(415);
			assertThat(refused.body()).as(path).contains("accepted only by the import");
		}
	}

	@Test
	void aJsonBodyAboveTheCapIsRefusedWhetherAnnouncedOrSentInChunks() {
		WebService.Browser api = service.browser();
		String small = "{\"email\":\"zed@example.com\"}";
		String big = "{\"email\":\"zed@example.com\",\"firstName\":\"" + "x".repeat(4096) + "\"}";

		HttpResponse<String> announced = api.send(api.request("/api/contacts")
			.header("Authorization", WebService.basic("dan"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(big)));
		assertThat(announced.statusCode()).isEqualTo(413);
		assertThat(announced.body()).contains("kapta.web.max-json");

		HttpResponse<String> chunked = api.send(api.request("/api/contacts")
			.header("Authorization", WebService.basic("dan"))
			.header("Content-Type", "application/json")
			.POST(chunked(big)));
		assertThat(chunked.statusCode()).isEqualTo(413);

		HttpResponse<String> fits = api.send(api.request("/api/contacts")
			.header("Authorization", WebService.basic("dan"))
			.header("Content-Type", "application/json")
			.POST(chunked(small)));
		assertThat(fits.statusCode()).as(fits.body()).isIn(200, 201);
		assertThat(service.bean(JdbcTemplate.class)
			.queryForObject("SELECT COUNT(*) FROM contact WHERE email = 'zed@example.com'", Integer.class))
			.isEqualTo(1);
	}

	@Test
	void aPageOfAnotherSiteCannotMakeTheBrowserChangeAnythingThroughTheApi() {
		WebService.Browser browser = service.browser();
		long runs = runs();
		String own = service.uri("/").toString().replaceAll("/$", "");
		for (String origin : new String[] { "https://evil.example", "null", own.replace("127.0.0.1", "localhost"),
				own.replace("http:", "https:") }) {
			HttpResponse<String> form = browser.send(browser.request("/api/jobs/export")
				.header("Authorization", WebService.basic("dan"))
				.header("Origin", origin)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(BodyPublishers.ofString("a=b")));
			assertThat(form.statusCode()).as(origin).isEqualTo(403);
			assertThat(form.body()).as(origin).contains("another site");
			HttpResponse<String> bodyless = browser.send(browser.request("/api/jobs/push")
				.header("Authorization", WebService.basic("dan"))
				.header("Origin", origin)
				.POST(BodyPublishers.noBody()));
			assertThat(bodyless.statusCode()).as(origin).isEqualTo(403);
		}
		assertThat(runs()).isEqualTo(runs);

		// the same call from this service's own page, or from a program (no Origin), is
		// done
		HttpResponse<String> ownPage = browser.send(browser.request("/api/jobs/export")
			.header("Authorization", WebService.basic("dan"))
			.header("Origin", own)
			.POST(BodyPublishers.noBody()));
		assertThat(ownPage.statusCode()).as(ownPage.body()).isEqualTo(202);
		// reading is not changing: a foreign page's GET is answered as any other
		HttpResponse<String> read = browser.send(browser.request("/api/jobs")
			.header("Authorization", WebService.basic("dan"))
			.header("Origin", "https://evil.example"));
		assertThat(read.statusCode()).isEqualTo(200);
	}

	private static long runs() {
		return service.bean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM batch_job_execution", Long.class);
	}

	private static HttpRequest.Builder basic(String path, String user) {
		return service.browser().request(path).header("Authorization", WebService.basic(user));
	}

	/** A body of unknown length: sent in chunks, with no Content-Length. */
	private static HttpRequest.BodyPublisher chunked(String body) {
		return BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
	}

}
