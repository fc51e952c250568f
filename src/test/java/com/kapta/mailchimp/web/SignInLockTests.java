package com.kapta.mailchimp.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.users.Role;
import com.kapta.mailchimp.users.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lock after repeated failed sign-ins (three, for two seconds here) as a stranger
 * would try to abuse it: guesses while it holds do not make it last longer, a guess after
 * it ended starts the count again instead of locking again, and every refusal is logged
 * with the user and the address, never the password.
 */
class SignInLockTests {

	private static WebService service;

	private static UserAccounts accounts;

	@BeforeAll
	static void start() {
		// the user lock alone: the address throttle (SignInThrottleTests) would answer
		// first
		service = WebService.start("SignInLockTests", "--kapta.users.lock-after=3", "--kapta.users.lock-for=2s",
				"--kapta.users.throttle-after=1000");
		accounts = service.bean(UserAccounts.class);
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@Test
	void aStrangersGuessesCannotKeepTheUserLockedLongerThanTheLock() throws Exception {
		accounts.add("ann", Role.ADMIN, "ann's long password");
		for (int i = 0; i < 3; i++) {
			assertThat(status("ann", "wrong guess " + i)).isEqualTo(401);
		}
		long locked = System.nanoTime();
		assertThat(status("ann", "ann's long password")).as("locked").isEqualTo(401);
		while (System.nanoTime() - locked < 1_500_000_000L) {
			assertThat(status("ann", "a guess while locked")).isEqualTo(401);
		}
		Thread.sleep(Math.max(0, 2_300 - (System.nanoTime() - locked) / 1_000_000));

		assertThat(status("ann", "one guess after the lock")).isEqualTo(401);
		assertThat(status("ann", "ann's long password")).as("the lock ended; one guess does not lock again")
			.isEqualTo(200);

		Path log = service.bean(KaptaProperties.class).dataDir().resolve("logs").resolve("kapta.log");
		assertThat(Files.readString(log))
			.contains("Sign-in refused for user ann from 127.0.0.1", "the user is now locked for PT2S")
			.doesNotContain("wrong guess", "ann's long password", "a guess while locked");
	}

	@Test
	void anAdminLiftsALock() {
		accounts.add("bob", Role.DATA, "bob's long password");
		for (int i = 0; i < 3; i++) {
			status("bob", "wrong guess " + i);
		}
		assertThat(status("bob", "bob's long password")).isEqualTo(401);

		accounts.unlock("bob");

		assertThat(status("bob", "bob's long password")).isEqualTo(200);
	}

	private static int status(String user, String password) {
		HttpResponse<String> answer = service.browser()
			.send(HttpRequest.newBuilder(service.uri("/api/jobs"))
				.header("Authorization", "Basic " + Base64.getEncoder()
					.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
		return answer.statusCode();
	}

}
