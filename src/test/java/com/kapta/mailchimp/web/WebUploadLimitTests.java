package com.kapta.mailchimp.web;

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
 * A workbook above {@code kapta.web.max-upload} (here 64 KB) is refused in one sentence,
 * and a file that is no workbook fails as a dropped one does.
 */
class WebUploadLimitTests {

	private static WebService service;

	@BeforeAll
	static void start() {
		service = WebService.start("WebUploadLimitTests", "--kapta.web.max-upload=64KB");
		service.bean(UserAccounts.class).add("dan", Role.DATA, "dan's long password");
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@Test
	void aTooLargeUploadIsRefusedWithTheLimitNamed() {
		WebService.Browser dan = signedIn();

		HttpResponse<String> refused = dan.send(dan.multipart("/data/import", "big.xlsx", new byte[200 * 1024], "_csrf",
				dan.csrf("/data"), "preview", "true"));

		assertThat(refused.statusCode()).isEqualTo(302);
		String location = refused.headers().firstValue("Location").orElseThrow();
		assertThat(dan.send(dan.request(location)).body()).contains("larger than the 64 KB an upload may be");
	}

	@Test
	void theApiRefusesItAsAProblemDocument() {
		WebService.Browser api = service.browser();

		HttpResponse<String> refused = api.send(api
			.multipart("/api/jobs/import", "big.xlsx", new byte[200 * 1024], "dryRun", "true")
			.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString("dan:dan's long password".getBytes(StandardCharsets.UTF_8))));

		assertThat(refused.statusCode()).isEqualTo(413);
		assertThat(refused.body()).contains("larger than the 64 KB an upload may be");
	}

	private static WebService.Browser signedIn() {
		return service.browser().signIn("dan", "dan's long password");
	}

}
