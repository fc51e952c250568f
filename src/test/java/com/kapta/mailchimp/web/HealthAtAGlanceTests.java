package com.kapta.mailchimp.web;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.tagdownload.DownloadLauncher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health at a glance, over real HTTP: the Mailchimp page says whether the last Download
 * To Kapta succeeded and when the last one did, the changes waiting and failed for good,
 * and whether Mailchimp answered the last call; {@code /actuator/health} tells the same
 * to admins only, and stays UP.
 */
class HealthAtAGlanceTests {

	private static WebService service;

	private static SandboxedKapta kapta;

	@BeforeAll
	static void start() {
		service = WebService.start("HealthAtAGlanceTests").withAnnAndDan();
		kapta = service.kapta();
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@Test
	void aFailedNightAndAMailchimpThatDoesNotAnswerShowOnTheMailchimpPageAndInHealth() {
		MailchimpSandbox sandbox = kapta.restart(SandboxOptions.defaults().withTags(List.of("Champion")));
		kapta.load("ann@example.com,Ann,,");
		assertThat(service.bean(DownloadLauncher.class).launch(false).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		sandbox.failRequestsAfter(0);
		assertThat(service.bean(DownloadLauncher.class).launch(false).getStatus()).isEqualTo(BatchStatus.FAILED);
		sandbox.failRequestsAfter(-1);
		service.bean(JdbcTemplate.class).update("DELETE FROM outbox");
		kapta.loadAsNewEdits("bob@example.com,,,");

		WebService.Browser ann = service.browser().signIn("ann", "ann's long password");
		String page = ann.send(ann.request("/")).body();
		assertThat(page).contains("Last Download To Kapta", ">Failed<", "Last completed:",
				"Mailchimp did not answer the last call", "1</span> waiting");

		HttpResponse<String> admin = health("ann");
		assertThat(admin.statusCode()).isEqualTo(200);
		assertThat(admin.body()).contains("\"status\":\"UP\"", "\"mailchimp\"", "\"lastDownload\":\"FAILED",
				"\"changesWaiting\":1", "did not answer");
		assertThat(health("dan").body()).contains("\"status\":\"UP\"").doesNotContain("lastDownload");
		WebService.Browser stranger = service.browser();
		assertThat(stranger.send(stranger.request("/actuator/health")).body()).doesNotContain("lastDownload");
	}

	private static HttpResponse<String> health(String user) {
		WebService.Browser api = service.browser();
		return api.send(api.request("/actuator/health").header("Authorization", WebService.basic(user)));
	}

}
