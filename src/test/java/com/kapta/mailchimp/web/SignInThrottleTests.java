package com.kapta.mailchimp.web;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.users.Role;
import com.kapta.mailchimp.users.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed sign-ins throttled per client address, as a stranger guessing at many users
 * would meet it: after three failures (here) the address waits 1 s, then 2 s, before its
 * next sign-in is even checked, in the API (429 and Retry-After) and the console alike;
 * the refused attempts lock no user, and a good sign-in forgets the failures.
 */
class SignInThrottleTests {

	private static WebService service;

	@BeforeAll
	static void start() {
		service = WebService.start("SignInThrottleTests", "--kapta.users.throttle-after=3",
				"--kapta.users.lock-after=5");
		service.bean(UserAccounts.class).add("ann", Role.ADMIN, "ann's long password");
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@Test
	void guessesAtManyUsersMakeTheAddressWaitLongerEachTimeAndLockNobody() throws Exception {
		assertThat(basic("bob", "a guess").statusCode()).isEqualTo(401);
		assertThat(basic("carl", "a guess").statusCode()).isEqualTo(401);
		assertThat(basic("ann", "a guess").statusCode()).isEqualTo(401);

		// the address waits a second: even the right password is not looked at (a few
		// tries, and the form's, must fit in that second on a busy machine)
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> waiting = basic("ann", "ann's long password");
			assertThat(waiting.statusCode()).isEqualTo(429);
			assertThat(waiting.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(waiting.body()).contains("Too many failed sign-ins from this address");
		}
		HttpResponse<String> form = signInForm("ann", "ann's long password");
		assertThat(form.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login?throttled"));
		assertThat(service.browser().send(service.browser().request("/login?throttled")).body())
			.contains("Too many failed sign-ins from your address");

		// one more failure after the wait: two seconds now
		Thread.sleep(1_100);
		assertThat(basic("dora", "a guess").statusCode()).isEqualTo(401);
		assertThat(basic("ann", "ann's long password").headers().firstValue("Retry-After")).hasValue("2");
		Thread.sleep(2_100);

		// the refused attempts did not count for ann: she is not locked
		assertThat(basic("ann", "ann's long password").statusCode()).isEqualTo(200);
		// and her good sign-in forgot the address's failures
		assertThat(basic("bob", "a guess").statusCode()).isEqualTo(401);
		assertThat(basic("ann", "ann's long password").statusCode()).isEqualTo(200);
	}

	private static HttpResponse<String> basic(String user, String password) {
		WebService.Browser browser = service.browser();
		return browser.send(browser.request("/api/jobs")
			.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
	}

	private static HttpResponse<String> signInForm(String user, String password) {
		WebService.Browser browser = service.browser();
		String token = browser.csrf("/login");
		return browser.send(browser.request("/login")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("username=" + user + "&password="
					+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + token)));
	}

}
