package com.kapta.mailchimp.tagdownload;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.kapta.mailchimp.batch.Progress;
import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.MailchimpJson;
import com.kapta.mailchimp.mailchimp.MailchimpProperties;
import com.kapta.mailchimp.mailchimp.Member;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The download's page reader over real HTTP: it asks for the next page while the last one
 * is written, never for a page beyond its range, and a restart reads on from what was
 * handed on, not from what was asked for.
 */
class MemberPageReaderTests {

	private static final String MEMBER_PAGES = "GET /lists/{list_id}/members";

	private MailchimpSandbox sandbox;

	private MailchimpClient client;

	@BeforeEach
	void start() {
		this.sandbox = MailchimpSandbox.start(SandboxOptions.defaults());
		IntStream.range(0, 2_500)
			.forEach((i) -> this.sandbox.audience().putMember("m" + i + "@example.com", "subscribed"));
		this.client = new MailchimpClient(
				URI.create(this.sandbox.baseUrl()), this.sandbox.apiKey(), new MailchimpProperties(10,
						Duration.ofSeconds(5), Duration.ofSeconds(30), 6, Duration.ofMillis(5), Duration.ofMillis(50)),
				MailchimpJson.mapper());
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.sandbox.close();
	}

	@Test
	void asksForTheNextPageWhileTheLastOneIsWritten() throws InterruptedException {
		MemberPageReader reader = reader(new DownloadPartitioner.Range(null, 0, -1), new ExecutionContext());
		List<String> read = new ArrayList<>();
		read.add(reader.read().emailAddress());

		// nothing more is read, yet the second page is asked for
		awaitCalls(2);
		read.addAll(readAll(reader));
		reader.close();

		assertThat(read).containsExactlyElementsOf(emails(0, 2_500));
		assertThat(calls()).as("1000, 1000, then 500: the total ends the list").isEqualTo(3);
	}

	@Test
	void asksForNoPageBeyondItsRange() {
		MemberPageReader reader = reader(new DownloadPartitioner.Range(null, 0, 2_000), new ExecutionContext());

		assertThat(readAll(reader)).containsExactlyElementsOf(emails(0, 2_000));
		reader.close();
		assertThat(calls()).isEqualTo(2);
	}

	@Test
	void aRestartReadsOnFromWhatWasHandedOnAndAsksAgainForThePageAskedForAhead() throws InterruptedException {
		ExecutionContext context = new ExecutionContext();
		MemberPageReader killed = reader(new DownloadPartitioner.Range(null, 0, -1), context);
		List<String> read = new ArrayList<>();
		for (int i = 0; i < 1_000; i++) {
			read.add(killed.read().emailAddress());
		}
		// the chunk commits: the second page was asked for, none of it handed on
		killed.update(context);
		awaitCalls(2);
		killed.close();

		MemberPageReader restarted = reader(new DownloadPartitioner.Range(null, 0, -1), context);
		read.addAll(readAll(restarted));
		restarted.close();

		assertThat(read).containsExactlyElementsOf(emails(0, 2_500));
		assertThat(calls()).as("the second page asked for twice").isEqualTo(4);
	}

	private MemberPageReader reader(DownloadPartitioner.Range range, ExecutionContext context) {
		MemberPageReader reader = new MemberPageReader(this.client, this.sandbox.audienceId(), range,
				Progress.silent("download"));
		reader.open(context);
		return reader;
	}

	private static List<String> readAll(MemberPageReader reader) {
		List<String> emails = new ArrayList<>();
		for (Member member = reader.read(); member != null; member = reader.read()) {
			emails.add(member.emailAddress());
		}
		return emails;
	}

	private static List<String> emails(int from, int to) {
		return IntStream.range(from, to).mapToObj((i) -> "m" + i + "@example.com").toList();
	}

	private long calls() {
		return this.sandbox.stats().requests().getOrDefault(MEMBER_PAGES, 0L);
	}

	private void awaitCalls(long calls) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (calls() < calls && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(calls()).isEqualTo(calls);
	}

}
