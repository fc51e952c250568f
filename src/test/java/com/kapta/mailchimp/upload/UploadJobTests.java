package com.kapta.mailchimp.upload;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.batch.test.StepScopeTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.KaptaSpringTest;
import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.batch.JobRunner;
import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.contact.ContactCsvLoader;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxMemberView;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Upload To Mailchimp end to end: Kapta's database, the job, and the sandbox over HTTP.
 */
@KaptaSpringTest
@TestPropertySource(properties = { "kapta.mailchimp.max-attempts=12" })
class UploadJobTests {

	@Autowired
	UploadLauncher upload;

	@Autowired
	SettingsService settings;

	@Autowired
	ContactCsvLoader loader;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JobRunner runner;

	@Autowired
	@Qualifier("upload")
	Job uploadJob;

	@Autowired
	ApplicationContext context;

	private SandboxedKapta kapta;

	private MailchimpSandbox sandbox;

	@BeforeEach
	void freshSandboxAndKapta() {
		this.kapta = new SandboxedKapta(this.jdbc, this.settings, this.loader);
		startSandbox();
	}

	@AfterEach
	void stopSandbox() {
		this.kapta.close();
	}

	@Test
	void eachStepReadsTheRunsTypedParametersFromItsOwnExecution() throws Exception {
		var launched = new UploadParameters(List.of("VIP", "Champion"), true, Instant.parse("2026-11-28T10:00:00Z"));
		StepExecution step = MetaDataInstanceFactory.createStepExecution(launched.toJobParameters());

		UploadParameters read = StepScopeTestUtils.doInStepScope(step,
				() -> this.context.getBean(UploadParameters.class));
		UploadParameters other = StepScopeTestUtils.doInStepScope(
				MetaDataInstanceFactory
					.createStepExecution(new UploadParameters(List.of(), false, Instant.now()).toJobParameters()),
				() -> this.context.getBean(UploadParameters.class));

		assertThat(read).isEqualTo(launched);
		assertThat(other.tags()).as("another step's run has its own").isEmpty();
	}

	@Test
	void addsNewContactsTagsOnlyThemAndLeavesExistingMembersExactlyAsTheyWere() throws IOException {
		this.sandbox.audience().putMember("old@example.com", "unsubscribed", "Admin User", "Mailchimp Only");
		List<SandboxMemberView> before = this.sandbox.audience().members();
		load("old@example.com,Old,Name,", "ann@example.com,Ann,Lee,Kapta Tag", "bob@example.com,,,admin user");

		JobExecution run = this.upload.launch(List.of("Champion", "Admin User"), false);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.sandbox.audience().member("old@example.com")).hasValue(before.get(0));
		assertThat(this.sandbox.audience().member("ann@example.com")).hasValue(new SandboxMemberView("ann@example.com",
				"subscribed", "Ann", "Lee", List.of("Champion", "Admin User")));
		assertThat(this.sandbox.audience().member("bob@example.com").orElseThrow().tags()).containsExactly("Champion",
				"Admin User");
		assertThat(kaptaTags("ann@example.com")).containsExactly("Admin User", "Champion", "Kapta Tag");
		assertThat(kaptaTags("bob@example.com")).as("a launch tag held in another spelling stays as it was")
			.containsExactly("admin user", "Champion");
		assertThat(kaptaTags("old@example.com")).isEmpty();
		assertThat(memberStatus("ann@example.com")).isEqualTo("subscribed");
		assertThat(memberStatus("old@example.com")).as("present, status not reported").isNull();
		assertThat(this.sandbox.audience().tagNames()).containsExactly("Admin User", "Mailchimp Only", "Champion");
		assertThat(RunSummary.lines(run)).containsEntry("Added to Mailchimp", "2")
			.containsEntry("Already on Mailchimp (unchanged)", "1")
			.containsEntry("Tags applied to new members", "4 (Admin User 2, Champion 2)");
		assertThat(RunSummary.report(run)).hasValueSatisfying((report) -> assertThat(report).exists());

		JobExecution again = this.upload.launch(List.of("Champion"), false);
		assertThat(RunSummary.lines(again)).containsEntry("Contacts read", "0");
	}

	@Test
	void rejectedAddressesAreReportedRememberedAndNotSentAgain() throws IOException {
		this.sandbox.audience().forget("gone@example.com");
		load("fake@example.invalid,,,", "gone@example.com,,,", "fine@example.com,,,");

		JobExecution first = this.upload.launch(List.of(), false);

		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(RunSummary.lines(first)).containsEntry("Rejected by Mailchimp", "2")
			.containsEntry("Added to Mailchimp", "1");
		assertThat(this.jdbc.queryForList("SELECT email || ' ' || reason FROM do_not_subscribe ORDER BY email",
				String.class))
			.containsExactly("fake@example.invalid INVALID", "gone@example.com FORGOTTEN");
		long writes = this.sandbox.stats().totalWrites();

		JobExecution second = this.upload.launch(List.of(), false);

		assertThat(RunSummary.lines(second)).containsEntry("Skipped (do-not-subscribe)", "2")
			.containsEntry("Rejected by Mailchimp", "0");
		assertThat(this.sandbox.stats().totalWrites()).as("nothing sent for remembered addresses").isEqualTo(writes);
	}

	@Test
	void aDryRunChangesNeitherSide() throws IOException {
		this.sandbox.audience().putMember("old@example.com", "subscribed");
		load("old@example.com,,,", "new@example.com,,,");

		JobExecution run = this.upload.launch(List.of("Brand New"), true);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(RunSummary.lines(run)).containsEntry("Would be added", "1")
			.containsEntry("Already on Mailchimp (unchanged)", "1")
			.containsEntry("Tags that would be created", "Brand New");
		assertThat(this.sandbox.stats().totalWrites()).isZero();
		assertThat(this.sandbox.audience().members()).hasSize(1);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM audience_member", Integer.class)).isZero();
	}

	@Test
	void refusedWhenTheIntegrationIsDisabled() {
		this.settings.save(new SettingsChange(false, null, null, null));

		assertThatThrownBy(() -> this.upload.launch(List.of(), false)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("disabled");
	}

	@Test
	void manyContactsGoInChunksOf500AcrossPartitionsWithOneCallPerChunkAndTag() throws IOException {
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < 2_600; i++) {
			lines.add("c" + i + "@example.com,First" + i + ",Last" + i + ",");
		}
		load(lines.toArray(String[]::new));

		JobExecution run = this.upload.launch(List.of("Champion"), false);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.sandbox.audience().size()).isEqualTo(2_600);
		Map<String, Long> writes = this.sandbox.stats().writes();
		// 2 600 contacts in 6 partitions of at most 500: 6 batch subscribes, 6 tag calls,
		// 1 tag creation
		assertThat(writes).containsEntry("POST /lists/{list_id}", 6L)
			.containsEntry("POST /lists/{list_id}/segments/{segment_id}", 6L)
			.containsEntry("POST /lists/{list_id}/segments", 1L);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM audience_member", Integer.class)).isEqualTo(2_600);
		assertThat(run.getStepExecutions()).filteredOn((step) -> step.getStepName().startsWith("uploadWorker"))
			.hasSize(6);
	}

	@Test
	void aFailureMidJobThenRestartEndsExactlyAsAnUninterruptedRun() throws IOException {
		String uninterrupted = scenario(() -> this.upload.launch(List.of("Champion", "Admin User"), false));

		startSandbox();
		// the outage starts after the tag creation and the first chunk's batch subscribe:
		// that chunk's members exist on Mailchimp, their launch tags do not, and Kapta
		// rolled the chunk back
		String restarted = scenario(() -> {
			this.sandbox.failWritesAfter(2);
			JobExecution failed = this.upload.launch(List.of("Champion", "Admin User"), false);
			assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
			this.sandbox.failWritesAfter(-1);
			return this.upload.restart();
		});

		assertThat(restarted).isEqualTo(uninterrupted);
		assertThat(this.sandbox.stats().requests())
			.as("the restart read the members created since the launch, in pages")
			.containsKey("GET /lists/{list_id}/members")
			.doesNotContainKey("GET /lists/{list_id}/members/{subscriber_hash}");
	}

	@Test
	void aRestartCreatesTheRestWithTheStatusItsRunWasLaunchedWith() throws IOException {
		this.settings.save(new SettingsChange(null, null, null, null, "pending"));
		scenario(() -> {
			this.sandbox.failWritesAfter(2);
			JobExecution failed = this.upload.launch(List.of("Champion"), false);
			assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
			this.sandbox.failWritesAfter(-1);
			// changed between the kill and the restart: the run keeps its own
			this.settings.save(new SettingsChange(null, null, null, null, "subscribed"));
			return this.upload.restart();
		});

		assertThat(this.sandbox.audience()
			.members()
			.stream()
			.filter((member) -> member.email().startsWith("person"))
			.map((member) -> member.status())
			.distinct()).containsExactly("pending");
		assertThat(this.kapta.status("person1299@example.com")).isEqualTo("pending");
		assertThat(this.upload.launch(List.of(), false).getJobParameters().getString("newMemberStatus"))
			.as("the next run takes the settings' status")
			.isEqualTo("subscribed");
		this.settings.save(new SettingsChange(null, null, null, null, "audience"));
	}

	@Test
	void aStoppedRunIsSeenAsInterruptedAndResumesToTheSameEnd() throws Exception {
		String uninterrupted = scenario(() -> this.upload.launch(List.of("Champion"), false));

		startSandbox();
		String resumed = scenario(() -> {
			this.sandbox.setLatencyMs(150);
			var running = CompletableFuture.supplyAsync(() -> this.upload.launch(List.of("Champion"), false));
			await().until(() -> this.sandbox.stats().totalWrites() >= 2);
			this.runner.stopRunningJobs(); // what SIGTERM does
			JobExecution stopped = running.join();
			assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
			assertThat(this.runner.wasInterrupted(this.uploadJob)).isTrue();
			this.sandbox.setLatencyMs(0);
			return this.upload.restart();
		});

		assertThat(resumed).isEqualTo(uninterrupted);
		assertThat(this.runner.wasInterrupted(this.uploadJob)).isFalse();
	}

	@Test
	void twentyPercentInjectedFaultsEndExactlyAsAnUninterruptedRun() throws IOException {
		String calm = scenario(() -> this.upload.launch(List.of("Champion"), false));

		startSandbox();
		String stormy = scenario(() -> {
			this.sandbox.setFaultRate(0.2);
			return this.upload.launch(List.of("Champion"), false);
		});

		assertThat(this.sandbox.stats().faultCount()).isPositive();
		assertThat(stormy).isEqualTo(calm);
	}

	/**
	 * The same contacts and Mailchimp members, a run, and both sides' state afterwards.
	 */
	private String scenario(Supplier<JobExecution> run) throws IOException {
		for (int i = 0; i < 20; i++) {
			this.sandbox.audience()
				.putMember("existing" + i + "@example.com", i % 2 == 0 ? "unsubscribed" : "subscribed",
						"Mailchimp Tag");
		}
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < 1_300; i++) {
			lines.add((i < 20 ? "existing" : "person") + i + "@example.com,F" + i + ",L" + i + ",");
		}
		lines.add("fake@example.invalid,,,");
		load(lines.toArray(String[]::new));

		JobExecution last = run.get();

		assertThat(last.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		return state();
	}

	private String state() {
		var state = new StringBuilder();
		this.sandbox.audience()
			.members()
			.stream()
			.map((m) -> m.email() + " " + m.status() + " " + m.firstName() + " " + m.lastName() + " "
					+ m.tags().stream().sorted().toList())
			.sorted()
			.forEach((line) -> state.append(line).append('\n'));
		return state + this.kapta.kaptaState();
	}

	private void startSandbox() {
		this.sandbox = this.kapta.restart(SandboxOptions.defaults().withTags(List.of("Admin User")));
	}

	private void load(String... lines) {
		this.kapta.load(lines);
	}

	private List<String> kaptaTags(String email) {
		return this.kapta.tags(email);
	}

	private String memberStatus(String email) {
		return this.kapta.status(email);
	}

}
