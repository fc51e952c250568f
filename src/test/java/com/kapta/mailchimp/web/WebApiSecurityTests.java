package com.kapta.mailchimp.web;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.users.Role;
import com.kapta.mailchimp.users.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who gets in where, over real HTTP through the whole security filter chain: sign-in,
 * roles, tokens, locks, CSRF, and the API key never in an answer.
 */
class WebApiSecurityTests {

	private static final String KEY = "0123456789abcdef0123456789abcdef-us6";

	private static WebService service;

	private UserAccounts users;

	private WebService.Browser browser;

	/** Every answer's body, to look for secrets in. */
	private final List<String> answers = new ArrayList<>();

	@BeforeAll
	static void start() {
		// the address throttle is SignInThrottleTests'; here the user lock is tried alone
		service = WebService.start("WebApiSecurityTests", "--kapta.users.throttle-after=1000");
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@BeforeEach
	void twoUsers() {
		service.bean(JdbcTemplate.class).update("DELETE FROM app_user");
		this.users = service.bean(UserAccounts.class);
		this.users.add("ann", Role.ADMIN, "ann's long password");
		this.users.add("dan", Role.DATA, "dan's long password");
		this.browser = service.browser();
	}

	@Test
	void theApiWantsASignInAndSaysSoAsAProblemDocument() {
		HttpResponse<String> answer = call(this.browser.request("/api/jobs"), 401);

		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying((v) -> v.startsWith("Basic"));
		assertThat(answer.body()).contains("\"status\":401", "Bearer");
	}

	@Test
	void theDataRoleReadsTheJobsButNeitherTheSettingsNorTheUpload() {
		call(basic("/api/jobs", "dan", "dan's long password"), 200);
		assertThat(call(basic("/api/settings", "dan", "dan's long password"), 403).body())
			.contains("Your role does not allow this");
		call(basic("/api/jobs/upload", "dan", "dan's long password").POST(BodyPublishers.noBody()), 403);
		call(basic("/api/settings", "ann", "ann's long password"), 200);
	}

	@Test
	void anApiTokenSignsInAsItsUserAndAWrongOrReplacedOneIsRefused() {
		String token = this.users.token("dan");

		call(bearer("/api/jobs", token), 200);
		call(bearer("/api/settings", token), 403);
		assertThat(call(bearer("/api/jobs", "kapta_guessed"), 401).body()).contains("The API token is not valid");
		String replaced = this.users.token("dan");
		call(bearer("/api/jobs", token), 401);
		call(bearer("/api/jobs", replaced), 200);
	}

	@Test
	void repeatedFailedSignInsLockTheUserEvenAgainstTheRightPassword() {
		String wrong = "";
		for (int i = 0; i < 5; i++) {
			wrong = call(basic("/api/jobs", "dan", "a wrong guess " + i), 401).body();
		}

		assertThat(call(basic("/api/jobs", "dan", "dan's long password"), 401).body())
			.as("locked, in the words of a wrong password: no telling a locked user from a guess")
			.isEqualTo(wrong)
			.isEqualTo(call(basic("/api/jobs", "nobody", "a guess"), 401).body());
		call(basic("/api/jobs", "ann", "ann's long password"), 200);
		this.users.password("dan", "dan's new long password");
		call(basic("/api/jobs", "dan", "dan's new long password"), 200);
	}

	@Test
	void theApiKeyIsSavedButNeverSentBack() {
		String saved = call(
				basic("/api/settings", "ann", "ann's long password").header("Content-Type", "application/json")
					.PUT(BodyPublishers.ofString("{\"apiKey\":\"" + KEY + "\",\"audienceName\":\"Kapta Contacts\"}")),
				200)
			.body();
		String read = call(basic("/api/settings", "ann", "ann's long password"), 200).body();
		String refused = call(
				basic("/api/settings", "ann", "ann's long password").header("Content-Type", "application/json")
					.PUT(BodyPublishers.ofString("{\"apiKey\":\"not a key\"}")),
				400)
			.body();

		assertThat(saved).contains("\"apiKey\":\"****-us6\"", "https://us6.api.mailchimp.com/3.0");
		assertThat(read).contains("\"apiKey\":\"****-us6\"");
		assertThat(refused).contains("An API key must look like");
		assertThat(this.answers).noneMatch((answer) -> answer.contains("0123456789abcdef"));
	}

	@Test
	void anAdminsSessionOrTokenCannotSendTheStoredKeyToAnotherHost() {
		call(basic("/api/settings", "ann", "ann's long password").header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofString("{\"apiKey\":\"" + KEY + "\",\"audienceName\":\"Kapta Contacts\"}")), 200);
		String token = this.users.token("ann");

		String foreign = call(bearer("/api/settings", token).header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofString("{\"apiUrl\":\"https://collector.example/3.0\"}")), 400).body();
		String otherLocal = call(bearer("/api/settings", token).header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofString("{\"apiUrl\":\"http://localhost:9/3.0\"}")), 400).body();
		assertThat(foreign).contains("Mailchimp's own");
		assertThat(otherLocal).contains("type the API key again");

		// nor through the console's form
		WebService.Browser ann = service.browser().signIn("ann", "ann's long password");
		HttpResponse<String> page = ann.send(ann.request("/settings")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("enabled=false&apiUrl=" + encode("http://localhost:9/3.0")
					+ "&apiKey=&audienceName=Kapta+Contacts&action=save&_csrf=" + ann.csrf("/settings"))));
		assertThat(page.body()).contains("type the API key again");
		assertThat(call(basic("/api/settings", "ann", "ann's long password"), 200).body())
			.contains("https://us6.api.mailchimp.com/3.0");
	}

	@Test
	void healthIsOpenMetricsAreTheAdminsOnlyAndTheApiDescriptionAnyUsers() {
		assertThat(call(this.browser.request("/actuator/health"), 200).body()).contains("UP");
		call(this.browser.request("/actuator/prometheus"), 401);
		call(basic("/actuator/prometheus", "dan", "dan's long password"), 403);
		assertThat(call(basic("/actuator/prometheus", "ann", "ann's long password"), 200).body())
			.contains("jvm_memory");
		assertThat(call(basic("/v3/api-docs", "dan", "dan's long password"), 200).body()).contains("/api/settings",
				"/api/jobs", "/api/contacts");
		call(this.browser.request("/v3/api-docs"), 401);
	}

	@Test
	void theConsoleSendsStrangersToItsSignInFormAndItsFormsNeedTheCsrfToken() {
		assertThat(call(this.browser.request("/"), 302).headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
		call(form("/login", "username=ann&password=" + encode("ann's long password")), 403);

		String csrf = this.browser.csrf("/login");
		HttpResponse<String> wrong = call(form("/login", "username=ann&password=wrong&_csrf=" + csrf), 302);
		assertThat(wrong.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/login?error"));
		csrf = this.browser.csrf("/login");
		HttpResponse<String> signedIn = call(
				form("/login", "username=ann&password=" + encode("ann's long password") + "&_csrf=" + csrf), 302);
		assertThat(signedIn.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).contains("JSESSIONID", "HttpOnly", "SameSite=Strict"));
		assertThat(call(this.browser.request("/"), 200).body()).contains("Signed in as", "ann");
	}

	private HttpRequest.Builder basic(String path, String user, String password) {
		return this.browser.request(path)
			.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
	}

	private HttpRequest.Builder bearer(String path, String token) {
		return this.browser.request(path).header("Authorization", "Bearer " + token);
	}

	private HttpRequest.Builder form(String path, String body) {
		return this.browser.request(path)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(body));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private HttpResponse<String> call(HttpRequest.Builder request, int status) {
		HttpResponse<String> answer = this.browser.send(request);
		this.answers.add(answer.body());
		assertThat(answer.statusCode()).as(answer::body).isEqualTo(status);
		return answer;
	}

}
