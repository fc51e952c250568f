package com.kapta.mailchimp.web;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.users.Role;
import com.kapta.mailchimp.users.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contacts in the console and over the API, against the sandbox: search and pages, adding
 * a contact, the Communications tab's tags reaching Mailchimp, and names shown as text.
 */
class WebContactsTests {

	private static WebService service;

	private static SandboxedKapta kapta;

	private MailchimpSandbox sandbox;

	private WebService.Browser browser;

	@BeforeAll
	static void start() {
		// long enough for a cold service's first push: these tests read the "sent" answer
		service = WebService.start("WebContactsTests", "--kapta.push.edit-wait=30s");
		kapta = service.kapta();
		service.bean(UserAccounts.class).add("dan", Role.DATA, "dan's long password");
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@BeforeEach
	void freshSandbox() {
		this.sandbox = kapta.restart(SandboxOptions.defaults().withTags(List.of("Champion", "VIP")));
		this.browser = service.browser().signIn("dan", "dan's long password");
	}

	@Test
	void theListIsSearchedByTheStartOfTheEmailAndPagedByKey() {
		kapta.load(IntStream.range(0, 60)
			.mapToObj((i) -> String.format("p%03d@example.com,,,", i))
			.toArray(String[]::new));
		kapta.load("zed@example.com,,,");

		String first = page("/contacts?q=P0");
		assertThat(first).contains("p000@example.com", "p049@example.com").doesNotContain("p050@example.com");
		assertThat(first).contains("after=p049@example.com\">Next page");
		String second = page("/contacts?q=P0&after=" + encode("p049@example.com"));
		assertThat(second).contains("p050@example.com", "p059@example.com")
			.doesNotContain("zed@example.com", "Next page");
		assertThat(page("/contacts?q=" + encode("100%"))).contains("No contact matches");
	}

	@Test
	void aContactAddedAndTaggedInTheConsoleReachesMailchimp() {
		HttpResponse<String> added = post("/contacts",
				"email=ann%40example.com&firstName=" + encode("<b>Ann</b>") + "&lastName=Lee&tags=VIP", "/contacts");
		String contactPage = added.headers().firstValue("Location").orElseThrow();
		String page = page(contactPage);
		assertThat(page).contains("Contact added.", "Sent to Mailchimp", "&lt;b&gt;Ann&lt;/b&gt;")
			.doesNotContain("<b>Ann</b>");
		assertThat(this.sandbox.audience().member("ann@example.com").orElseThrow().tags()).containsExactly("VIP");

		post("/contact", "email=ann%40example.com&tag=Champion&newTags=" + encode("Summer 2026"), contactPage);

		assertThat(page(contactPage)).contains("Tags saved.", "Sent to Mailchimp");
		assertThat(this.sandbox.audience().member("ann@example.com").orElseThrow().tags())
			.containsExactlyInAnyOrder("Champion", "Summer 2026");
	}

	@Test
	void anAddressWithAPlusKeepsItOnTheWayToItsPage() {
		HttpResponse<String> added = post("/contacts", "email=" + encode("ann+news@example.com"), "/contacts");

		assertThat(page(added.headers().firstValue("Location").orElseThrow())).contains("ann+news@example.com",
				"Contact added.");
	}

	@Test
	void theApiListsAddsAndTagsContacts() {
		HttpResponse<String> added = api(HttpRequest.newBuilder(service.uri("/api/contacts"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"email\":\"bob@example.com\",\"tags\":[\"Champion\"]}")));
		assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
		assertThat(added.body()).contains("\"email\":\"bob@example.com\"", "Sent to Mailchimp");

		HttpResponse<String> tagged = api(HttpRequest.newBuilder(service.uri("/api/contacts/tags"))
			.header("Content-Type", "application/json")
			.PUT(BodyPublishers
				.ofString("{\"email\":\"BOB@example.com\",\"add\":[\"VIP\"],\"remove\":[\"Champion\"]}")));
		assertThat(tagged.statusCode()).as(tagged.body()).isEqualTo(200);
		assertThat(this.sandbox.audience().member("bob@example.com").orElseThrow().tags()).containsExactly("VIP");

		assertThat(api(HttpRequest.newBuilder(service.uri("/api/contacts?q=bob"))).body())
			.contains("\"tags\":[\"VIP\"]", "\"next\":null");
		HttpResponse<String> twice = api(HttpRequest.newBuilder(service.uri("/api/contacts"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"email\":\"Bob@Example.com\"}")));
		assertThat(twice.statusCode()).isEqualTo(409);
		assertThat(twice.body()).contains("already");
	}

	private String page(String path) {
		HttpResponse<String> answer = this.browser.send(this.browser.request(path));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return answer.body();
	}

	private HttpResponse<String> post(String path, String form, String csrfFrom) {
		HttpResponse<String> answer = this.browser.send(this.browser.request(path)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(form + "&_csrf=" + this.browser.csrf(csrfFrom))));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
		return answer;
	}

	private HttpResponse<String> api(HttpRequest.Builder request) {
		return service.browser()
			.send(request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString("dan:dan's long password".getBytes(StandardCharsets.UTF_8))));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
