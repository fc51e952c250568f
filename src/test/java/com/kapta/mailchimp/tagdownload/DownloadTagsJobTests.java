package com.kapta.mailchimp.tagdownload;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import com.kapta.mailchimp.KaptaSpringTest;
import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.batch.JobSessions;
import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.contact.ContactCsvLoader;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.workbook.Workbooks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Download To Kapta end to end: the sandbox's members and tags, the job, Kapta's
 * database.
 */
@KaptaSpringTest
@TestPropertySource(properties = { "kapta.mailchimp.max-attempts=12" })
class DownloadTagsJobTests {

	@Autowired
	DownloadLauncher download;

	@Autowired
	SettingsService settings;

	@Autowired
	ContactCsvLoader loader;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JobOperator jobOperator;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	@Qualifier("downloadTags")
	Job downloadTags;

	@Autowired
	JobSessions sessions;

	private SandboxedKapta kapta;

	private MailchimpSandbox sandbox;

	@BeforeEach
	void fresh() {
		this.kapta = new SandboxedKapta(this.jdbc, this.settings, this.loader);
		startSandbox();
	}

	@AfterEach
	void stop() {
		this.kapta.close();
	}

	@Test
	void kaptaContactsGetExactlyTheirMembersTagsAndNothingIsSentToMailchimp() throws IOException {
		load("ann@example.com,,,Old Tag;Champion", "BOB@example.com,,,", "carl@example.com,,,Kapta Only",
				"dana@example.com,,,Keep");
		this.sandbox.audience().putMember("Ann@Example.com", "subscribed", "champion", "Admin User");
		this.sandbox.audience().putMember("bob@example.com", "unsubscribed", "Regular User");
		this.sandbox.audience().putMember("carl@example.com", "archived");
		this.sandbox.audience().putMember("stranger@example.com", "subscribed", "Champion");

		JobExecution run = this.download.launch(false);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(tags("ann@example.com")).containsExactly("Admin User", "Champion");
		assertThat(tags("bob@example.com")).containsExactly("Regular User");
		assertThat(tags("carl@example.com")).as("archived members still describe the contact").isEmpty();
		assertThat(tags("dana@example.com")).as("absent from Mailchimp: untouched").containsExactly("Keep");
		assertThat(status("bob@example.com")).isEqualTo("unsubscribed");
		assertThat(this.jdbc.queryForList("SELECT email || ' ' || reason FROM do_not_subscribe ORDER BY email",
				String.class))
			.containsExactly("bob@example.com UNSUBSCRIBED", "carl@example.com ARCHIVED");
		assertThat(this.jdbc.queryForList("SELECT c.email FROM contact c ORDER BY c.email", String.class))
			.doesNotContain("stranger@example.com");
		assertThat(RunSummary.lines(run)).containsEntry("Members read", "4")
			.containsEntry("Contacts updated", "3")
			.containsEntry("Members unknown to Kapta", "1")
			.containsEntry("Tags added", "2 (Admin User 1, Regular User 1)")
			.containsEntry("Tags removed", "2 (Kapta Only 1, Old Tag 1)");
		assertThat(this.sandbox.stats().totalWrites()).isZero();
	}

	@Test
	void thePrepareStepAloneRefreshesTheTagsAndCountsTheMembersInTwoCalls() {
		this.sandbox.audience().putMember("ann@example.com", "subscribed", "Champion");
		this.sandbox.audience().putMember("bob@example.com", "archived");
		var steps = new JobOperatorTestUtils(this.jobOperator, this.jobRepository);
		steps.setJob(this.downloadTags);
		long before = this.sandbox.stats().totalRequests();

		// a full scan asked for: the changed members are not counted
		JobExecution prepared = steps.startStep("downloadPrepare",
				DownloadParameters.manual(false, true, Instant.now()).toJobParameters(), new ExecutionContext());
		this.sessions.afterJob(prepared);

		assertThat(prepared.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.sandbox.stats().totalRequests() - before).isEqualTo(2);
		assertThat(DownloadPlan.of(prepared.getExecutionContext()).words()).isEqualTo("full scan: asked for (--full)");
		assertThat(DownloadPreparation.members(prepared)).as("the plain list leaves archived members out").isOne();
		assertThat(this.jdbc.queryForList("SELECT name FROM audience_tag ORDER BY name", String.class))
			.contains("Champion");
	}

	@Test
	void membersWithMoreThanFiftyTagsGetAllOfThem() throws IOException {
		load("busy@example.com,,,");
		String[] many = IntStream.range(0, 75).mapToObj((i) -> "Tag " + i).toArray(String[]::new);
		this.sandbox.audience().putMember("busy@example.com", "subscribed", many);

		this.download.launch(false);

		assertThat(tags("busy@example.com")).hasSize(75);
	}

	@Test
	void aContactWithAChangeWaitingToBeSentIsKept() throws IOException {
		load("edited@example.com,,,Fresh Kapta Tag");
		this.sandbox.audience().putMember("edited@example.com", "subscribed", "Stale");
		this.jdbc.update(
				"INSERT INTO outbox (contact_id, change_type, tag_name) SELECT id, 'TAG_ADDED', 'Fresh Kapta Tag' FROM contact");

		JobExecution run = this.download.launch(false);

		assertThat(tags("edited@example.com")).containsExactly("Fresh Kapta Tag");
		assertThat(RunSummary.lines(run)).containsEntry("Kept, change pending", "1");
	}

	/**
	 * After a full scan, a large audience with few tagged members is read tag by tag: the
	 * tags' lists, the changed members and the archived ones, a few calls instead of a
	 * page per thousand members; a member on two lists that Kapta does not know is
	 * reported once; a dry run reads the same way and changes nothing.
	 */
	@Test
	void fewTaggedMembersAreReadTagByTagAfterAFullScan() throws IOException {
		var audience = this.sandbox.audience();
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < 6_000; i++) {
			audience.putMember("p" + i + "@example.com", "subscribed",
					(i % 600 == 0) ? new String[] { "Champion" } : new String[0]);
			lines.add("p" + i + "@example.com,,," + ((i % 600 == 0) ? "Champion" : ""));
		}
		audience.putMember("stranger@example.com", "subscribed", "Champion", "VIP");
		audience.age(Duration.ofHours(1));
		load(lines.toArray(String[]::new));
		JobExecution full = this.download.launch(false, true);
		assertThat(RunSummary.lines(full)).containsEntry("Reading", "full scan: asked for (--full)");
		audience.tagMember("p0@example.com", "Champion", false);
		audience.tagMember("p1@example.com", "VIP", true);
		audience.unsubscribe("p2@example.com");
		long before = this.sandbox.stats().totalRequests();

		JobExecution dryRun = this.download.launch(true);
		JobExecution run = this.download.launch(false);

		assertThat(RunSummary.lines(dryRun)).containsEntry("Contacts that would change", "2")
			.containsEntry("Members unknown to Kapta", "1");
		assertThat(RunSummary.lines(run).get("Reading"))
			.isEqualTo("tag by tag: about 4 calls tag by tag, 8 for a full scan");
		assertThat(RunSummary.lines(run)).containsEntry("Contacts updated", "2")
			.containsEntry("Tags added", "1 (VIP 1)")
			.containsEntry("Tags removed", "1 (Champion 1)")
			.containsEntry("Members unknown to Kapta", "1");
		// each: the tag list, the member count, the changed members' count, then the
		// lists
		// of Champion and VIP, the changed members, the archived ones
		assertThat(this.sandbox.stats().totalRequests() - before).isEqualTo(2 * 7);
		assertThat(tags("p0@example.com")).isEmpty();
		assertThat(tags("p1@example.com")).containsExactly("VIP");
		assertThat(tags("p600@example.com")).containsExactly("Champion");
		assertThat(status("p2@example.com")).isEqualTo("unsubscribed");
		assertThat(Workbooks.details(RunSummary.report(run).orElseThrow()))
			.filteredOn((row) -> row.get(0).equals("stranger@example.com"))
			.hasSize(1);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM download_tag_member", Integer.class))
			.as("forgotten once the run ended")
			.isZero();
	}

	/**
	 * After a tag-by-tag download, a full scan of the same audience finds nothing to
	 * change: members on several lists, tags added and removed, unsubscribes, bounces,
	 * archives and new members included. (A member's tag count does not matter tag by
	 * tag: each list names its members, with no 50-tag limit to read past.)
	 */
	@Test
	void aFullScanAfterATagByTagDownloadFindsNothingToChange() throws IOException {
		var audience = this.sandbox.audience();
		String[] several = IntStream.range(0, 3).mapToObj((t) -> "Topic " + t).toArray(String[]::new);
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < 8_000; i++) {
			String email = "q" + i + "@example.com";
			audience.putMember(email, "subscribed",
					(i < 3) ? several : (i % 500 == 0) ? new String[] { "Champion" } : new String[0]);
			if (i % 13 != 5) {
				lines.add(email + ",,," + ((i % 700 == 0) ? "Old Tag" : ""));
			}
		}
		audience.age(Duration.ofHours(1));
		load(lines.toArray(String[]::new));
		assertThat(this.download.launch(false, true).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		audience.tagMember("q0@example.com", "Topic 1", false);
		audience.tagMember("q1@example.com", "Champion", true);
		audience.tagMember("q500@example.com", "Champion", false);
		audience.unsubscribe("q1000@example.com");
		audience.bounce("q1500@example.com");
		audience.archive("q2000@example.com");
		audience.putMember("q8000@example.com", "subscribed", "Champion");
		load("q8000@example.com,,,");

		JobExecution tagByTag = this.download.launch(false);
		String afterTagByTag = this.kapta.kaptaState();
		JobExecution full = this.download.launch(false, true);

		assertThat(RunSummary.lines(tagByTag).get("Reading")).startsWith("tag by tag");
		assertThat(tags("q0@example.com")).containsExactly("Topic 0", "Topic 2");
		assertThat(tags("q1@example.com")).containsExactly("Champion", "Topic 0", "Topic 1", "Topic 2");
		assertThat(tags("q500@example.com")).isEmpty();
		assertThat(tags("q8000@example.com")).containsExactly("Champion");
		assertThat(status("q2000@example.com")).isEqualTo("archived");
		assertThat(RunSummary.lines(full)).containsEntry("Contacts updated", "0");
		assertThat(this.kapta.kaptaState()).as("a full scan changes nothing after tag by tag").isEqualTo(afterTagByTag);
	}

	@Test
	void aDryRunReportsButChangesNothing() throws IOException {
		load("ann@example.com,,,Old");
		this.sandbox.audience().putMember("ann@example.com", "cleaned", "New");

		JobExecution run = this.download.launch(true);

		assertThat(RunSummary.lines(run)).containsEntry("Contacts that would change", "1");
		assertThat(tags("ann@example.com")).containsExactly("Old");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM do_not_subscribe", Integer.class)).isZero();
	}

	@Test
	void aFailureMidRunThenRestartEndsExactlyAsAnUninterruptedRun() throws IOException {
		String uninterrupted = scenario(() -> this.download.launch(false));

		startSandbox();
		String restarted = scenario(() -> {
			// lists, segments, count, and a couple of pages
			this.sandbox.failRequestsAfter(5);
			JobExecution failed = this.download.launch(false);
			assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
			this.sandbox.failRequestsAfter(-1);
			return this.download.restart();
		});

		assertThat(restarted).isEqualTo(uninterrupted);
	}

	@Test
	void twentyPercentInjectedFaultsEndExactlyAsAnUninterruptedRun() throws IOException {
		String calm = scenario(() -> this.download.launch(false));

		startSandbox();
		String stormy = scenario(() -> {
			this.sandbox.setFaultRate(0.2);
			return this.download.launch(false);
		});

		assertThat(this.sandbox.stats().faultCount()).isPositive();
		assertThat(stormy).isEqualTo(calm);
	}

	@Test
	void pagesMailchimpTimesOutOnAreReadSmallerWithNoMemberMissedOrReadTwice() throws IOException {
		String calm = scenario(() -> this.download.launch(false));
		startSandbox();
		String timingOut = scenario(() -> {
			// live Mailchimp answers pages of 1000 with 504 now and then; here every page
			// above 500 times out
			this.sandbox.setPageTimeouts(500, 1.0);
			JobExecution run = this.download.launch(false);
			assertThat(RunSummary.lines(run)).containsEntry("Members read", "4500");
			return run;
		});

		assertThat(this.sandbox.stats().faultCount()).isPositive();
		assertThat(timingOut).isEqualTo(calm);
	}

	@Test
	void archivedMembersAreReadInAPassOfTheirOwnAndARunCostsItsPagesPlusTwoCalls() throws IOException {
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < 2_530; i++) {
			this.sandbox.audience().putMember("a" + i + "@example.com", "subscribed", "Champion");
			lines.add("a" + i + "@example.com,,,");
		}
		load(lines.toArray(String[]::new));
		assertThat(this.download.launch(false).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		for (int i = 0; i < 30; i++) {
			this.sandbox.audience().archive("a" + i + "@example.com");
			this.sandbox.audience().tagMember("a" + i + "@example.com", "Archived Tag", true);
		}
		long before = this.sandbox.stats().totalRequests();

		JobExecution run = this.download.launch(false);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(tags("a0@example.com")).as("an archived member's tags still reach Kapta")
			.containsExactly("Archived Tag", "Champion");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM do_not_subscribe WHERE reason = 'ARCHIVED'",
				Integer.class))
			.isEqualTo(30);
		assertThat(RunSummary.lines(run)).containsEntry("Members read", "2530");
		// 2 500 members in the plain list: 3 pages; 30 archived: 1 page; the tag list and
		// the member count
		assertThat(this.sandbox.stats().totalRequests() - before).as("pages plus two calls").isEqualTo(3 + 1 + 2);
	}

	/**
	 * 4 500 members over 5 pages, most of them Kapta contacts whose tags differ; then
	 * both sides' state.
	 */
	private String scenario(Supplier<JobExecution> run) throws IOException {
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < 4_500; i++) {
			this.sandbox.audience().putMember("m" + i + "@example.com", "subscribed", "T" + (i % 7), "Common");
			if (i % 10 != 0) {
				lines.add("m" + i + "@example.com,,,Kapta" + (i % 3) + (i % 2 == 0 ? ";Common" : ""));
			}
		}
		load(lines.toArray(String[]::new));
		JobExecution last = run.get();
		assertThat(last.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.sandbox.stats().totalWrites()).isZero();
		return this.kapta.kaptaState();
	}

	private void startSandbox() {
		this.sandbox = this.kapta.restart(SandboxOptions.defaults());
	}

	private void load(String... lines) {
		this.kapta.load(lines);
	}

	private List<String> tags(String email) {
		return this.kapta.tags(email);
	}

	private String status(String email) {
		return this.kapta.status(email);
	}

}
