package com.kapta.mailchimp.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.users.Role;
import com.kapta.mailchimp.users.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A console session ends with the account it was signed in with (removed, or given
 * another password) at its next request, and {@code kapta.web.session-max} after its
 * sign-in however busy; a removed user's API token ends too. Tried over real HTTP with
 * the cookies a browser keeps.
 */
class SessionLifetimeTests {

	private static WebService service;

	private static UserAccounts accounts;

	@BeforeAll
	static void start() {
		service = WebService.start("SessionLifetimeTests", "--kapta.web.session-max=4s");
		accounts = service.bean(UserAccounts.class);
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@Test
	void removingAUserEndsItsSessionAtOnceAndItsToken() {
		accounts.add("dan", Role.DATA, "dan's long password");
		String token = accounts.token("dan");
		WebService.Browser dan = service.browser().signIn("dan", "dan's long password");
		assertThat(status(dan, "/contacts")).isEqualTo(200);
		assertThat(api(token).statusCode()).isEqualTo(200);

		accounts.remove("dan");

		assertThat(signInPage(dan, "/contacts")).as("the next request").isTrue();
		assertThat(api(token).statusCode()).isEqualTo(401);
	}

	@Test
	void aNewPasswordOrARoleGivenAgainEndsTheSessionsOfTheOldOne() {
		accounts.add("eve", Role.ADMIN, "eve's long password");
		WebService.Browser eve = service.browser().signIn("eve", "eve's long password");
		WebService.Browser other = service.browser().signIn("eve", "eve's long password");
		assertThat(status(eve, "/settings")).isEqualTo(200);

		accounts.password("eve", "eve's new long password");

		assertThat(signInPage(eve, "/settings")).isTrue();
		assertThat(signInPage(other, "/contacts")).as("every session of the account").isTrue();
		WebService.Browser again = service.browser().signIn("eve", "eve's new long password");
		assertThat(status(again, "/settings")).isEqualTo(200);

		accounts.remove("eve");
		accounts.add("eve", Role.DATA, "eve's new long password");
		assertThat(signInPage(again, "/contacts")).as("made again as a data user").isTrue();
	}

	@Test
	void anUnchangedAccountKeepsItsSessionUntilItsLifetimeEnds() throws InterruptedException {
		accounts.add("fay", Role.DATA, "fay's long password");
		WebService.Browser fay = service.browser().signIn("fay", "fay's long password");
		accounts.add("gus", Role.DATA, "gus's long password");
		accounts.remove("gus");

		assertThat(status(fay, "/contacts")).as("another account's change").isEqualTo(200);
		Thread.sleep(1000);
		assertThat(status(fay, "/contacts")).as("busy, within its lifetime").isEqualTo(200);
		Thread.sleep(3500);
		assertThat(signInPage(fay, "/contacts")).as("4 s after its sign-in, though used 3.5 s ago").isTrue();
	}

	private static int status(WebService.Browser browser, String path) {
		return browser.send(browser.request(path)).statusCode();
	}

	private static boolean signInPage(WebService.Browser browser, String path) {
		HttpResponse<String> answer = browser.send(browser.request(path));
		return answer.statusCode() == 302
				&& answer.headers().firstValue("Location").filter((to) -> to.endsWith("/login")).isPresent();
	}

	private static HttpResponse<String> api(String token) {
		return service.browser()
			.send(HttpRequest.newBuilder(service.uri("/api/contacts")).header("Authorization", "Bearer " + token));
	}

}
