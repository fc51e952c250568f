package com.kapta.mailchimp.web;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.tagdownload.DownloadLauncher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's own warnings and errors, over real HTTP: a download whose partitions met a
 * Mailchimp that stopped answering shows Mailchimp's retries and the giving up on its
 * page and in the API, kept with the run after it ended; a run that met nothing shows
 * none, and no run shows another's lines or the API key.
 */
class RunNotesTests {

	private static WebService service;

	private static MailchimpSandbox sandbox;

	@BeforeAll
	static void start() {
		service = WebService
			.start("RunNotesTests", "--kapta.mailchimp.max-attempts=2", "--kapta.mailchimp.initial-backoff=10ms")
			.withAnnAndDan();
		SandboxedKapta kapta = service.kapta();
		sandbox = kapta.restart(SandboxOptions.defaults().withTags(List.of("Champion")));
		kapta.load("ann@example.com,Ann,,", "bob@example.com,Bob,,");
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@Test
	void aRunShowsTheRetriesAndTheFailureItMetAndAQuietRunShowsNone() {
		// the tag list answers; the member pages, read by the partitions, do not
		sandbox.failRequestsAfter(3);
		JobExecution failed = service.bean(DownloadLauncher.class).launch(false);
		sandbox.failRequestsAfter(-1);
		JobExecution quiet = service.bean(DownloadLauncher.class).launch(false);
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(quiet.getStatus()).isEqualTo(BatchStatus.COMPLETED);

		WebService.Browser ann = service.browser().signIn("ann", "ann's long password");
		String page = ann.send(ann.request("/jobs/" + failed.getId())).body();
		assertThat(page).contains("Warnings and errors", "retry 1 of 1", "after 2 attempts; giving up", ">Error<")
			.doesNotContain(sandbox.apiKey());
		HttpResponse<String> api = ann
			.send(ann.request("/api/jobs/" + failed.getId()).header("Authorization", WebService.basic("dan")));
		assertThat(api.body())
			.contains("\"notes\":[{\"at\":", "\"level\":\"WARN\"", "retry 1 of 1", "\"level\":\"ERROR\"")
			.doesNotContain(sandbox.apiKey());

		assertThat(ann.send(ann.request("/jobs/" + quiet.getId())).body()).doesNotContain("Warnings and errors");
		assertThat(ann.send(ann.request("/api/jobs/" + quiet.getId()).header("Authorization", WebService.basic("dan")))
			.body()).contains("\"notes\":[]");
	}

}
