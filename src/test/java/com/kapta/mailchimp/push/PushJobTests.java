package com.kapta.mailchimp.push;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.KaptaSpringTest;
import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.contact.ContactCsvLoader;
import com.kapta.mailchimp.contact.ContactService;
import com.kapta.mailchimp.contact.Outbox;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.upload.UploadLauncher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Kapta edits reach Mailchimp: the outbox written with the change, the push job sending
 * it in bulk.
 */
@KaptaSpringTest
@TestPropertySource(properties = { "kapta.mailchimp.max-attempts=3" })
class PushJobTests {

	private static final String SEGMENT = "POST /lists/{list_id}/segments/{segment_id}";

	private static final String SUBSCRIBE = "POST /lists/{list_id}";

	@Autowired
	PushLauncher push;

	@Autowired
	UploadLauncher upload;

	@Autowired
	ContactService contacts;

	@Autowired
	Outbox outbox;

	@Autowired
	SettingsService settings;

	@Autowired
	ContactCsvLoader loader;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JobRepository jobRepository;

	private SandboxedKapta kapta;

	private MailchimpSandbox sandbox;

	@BeforeEach
	void scene() {
		this.kapta = new SandboxedKapta(this.jdbc, this.settings, this.loader);
		this.sandbox = this.kapta.restart(SandboxOptions.defaults().withTags(List.of("Champion", "VIP")));
		this.jdbc.update("DELETE FROM outbox");
	}

	@AfterEach
	void stop() {
		this.kapta.close();
	}

	@Test
	void changesAreQueuedWithTheChangeOnlyWhileTheIntegrationIsOn() {
		this.settings.save(new SettingsChange(false, null, null, null));
		this.contacts.add("off@example.com", null, null, List.of("Champion"));
		this.contacts.tag("off@example.com", List.of("VIP"), List.of());
		assertThat(queued()).isEmpty();

		this.settings.save(new SettingsChange(true, null, null, null));
		this.contacts.add("on@example.com", "On", null, List.of("Champion"));
		this.contacts.tag("on@example.com", List.of("VIP"), List.of("Champion"));
		// no change, nothing queued
		this.contacts.tag("on@example.com", List.of("VIP"), List.of());
		assertThatThrownBy(() -> this.contacts.add("ON@example.com", null, null, List.of("X")))
			.isInstanceOf(KaptaException.class);
		this.kapta.loadAsNewEdits("csv@example.com,,,Champion");

		assertThat(queued()).containsExactly("on@example.com CONTACT_ADDED null", "on@example.com TAG_ADDED Champion",
				"on@example.com TAG_ADDED VIP", "on@example.com TAG_REMOVED Champion",
				"csv@example.com CONTACT_ADDED null", "csv@example.com TAG_ADDED Champion");
		assertThat(this.outbox.counts()).isEqualTo(new Outbox.Counts(6, 0));
	}

	@Test
	void newContactsJoinAndTagChangesGoInBulkCoalescedPerContact() {
		this.sandbox.audience().putMember("member@example.com", "unsubscribed", "Champion");
		this.kapta.load("member@example.com,,,Champion");
		this.jdbc.update("DELETE FROM outbox");
		this.contacts.add("ann@example.com", "Ann", "A", List.of("Champion", "New Tag"));
		this.contacts.tag("ann@example.com", List.of("VIP"), List.of());
		// added then removed: nothing to send
		this.contacts.tag("ann@example.com", List.of(), List.of("VIP"));
		this.contacts.tag("member@example.com", List.of("VIP"), List.of("Champion"));

		JobExecution run = this.push.launch();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.sandbox.audience().member("ann@example.com").orElseThrow().tags())
			.containsExactlyInAnyOrder("Champion", "New Tag");
		assertThat(this.sandbox.audience().member("ann@example.com").orElseThrow().firstName()).isEqualTo("Ann");
		assertThat(this.sandbox.audience().member("member@example.com").orElseThrow().tags()).containsExactly("VIP");
		assertThat(this.sandbox.audience().member("member@example.com").orElseThrow().status()).as("never changed")
			.isEqualTo("unsubscribed");
		assertThat(this.sandbox.audience().tagNames()).contains("New Tag");
		// one subscribe for both (member's membership was unknown), one call per tag, one
		// tag created
		assertThat(this.sandbox.stats().writes()).containsOnly(Map.entry(SUBSCRIBE, 1L), Map.entry(SEGMENT, 3L),
				Map.entry("POST /lists/{list_id}/segments", 1L));
		assertThat(RunSummary.lines(run)).containsEntry("Added to Mailchimp", "1")
			.containsEntry("Already on Mailchimp (unchanged)", "1")
			.containsEntry("Tags added", "3 (Champion 1, New Tag 1, VIP 1)")
			.containsEntry("Tags removed", "1 (Champion 1)")
			.containsEntry("Changes that cancelled out", "1")
			.containsEntry("Changes waiting now", "0");
		assertThat(this.outbox.counts()).isEqualTo(new Outbox.Counts(0, 0));

		long writes = this.sandbox.stats().totalWrites();
		assertThat(this.push.worthRunning()).isFalse();
		assertThat(this.push.launch().getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.sandbox.stats().totalWrites()).as("sent once").isEqualTo(writes);
	}

	@Test
	void aChangeToOneTagForTwelveHundredMembersIsThreeCalls() {
		StringBuilder csv = new StringBuilder();
		for (int i = 0; i < 1_200; i++) {
			csv.append(String.format("person%04d@example.com,,,%n", i));
		}
		this.settings.save(new SettingsChange(false, null, null, null));
		this.kapta.load(csv.toString().strip().split("\n"));
		this.settings.save(new SettingsChange(true, null, null, null));
		assertThat(this.upload.launch(List.of(), false).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		for (int i = 0; i < 1_200; i++) {
			this.contacts.tag(String.format("person%04d@example.com", i), List.of("VIP"), List.of());
		}
		long before = this.sandbox.stats().writes().getOrDefault(SEGMENT, 0L);

		assertThat(this.push.launch().getStatus()).isEqualTo(BatchStatus.COMPLETED);

		assertThat(this.sandbox.stats().writes().getOrDefault(SEGMENT, 0L) - before).isEqualTo(3);
		// the upload's, none by the push
		assertThat(this.sandbox.stats().writes()).containsEntry(SUBSCRIBE, 3L);
		assertThat(this.sandbox.audience().members()).allSatisfy((m) -> assertThat(m.tags()).containsExactly("VIP"));
	}

	@Test
	void aChangeMailchimpRefusesIsRecordedAndNotSentAgain() {
		this.contacts.add("someone@fake.invalid", null, null, List.of("VIP"));
		this.sandbox.audience().putMember("gone@example.com", "unsubscribed");
		this.jdbc.update("""
				INSERT INTO do_not_subscribe (audience_id, email, reason, recorded_at)
				VALUES (?, 'left@example.com', 'UNSUBSCRIBED', CURRENT_TIMESTAMP)""", this.sandbox.audienceId());
		this.contacts.add("left@example.com", null, null, List.of());

		JobExecution run = this.push.launch();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(RunSummary.lines(run)).containsEntry("Failed for good (not sent again)", "1")
			.containsEntry("Not subscribed (do-not-subscribe)", "1");
		assertThat(this.sandbox.audience().member("left@example.com")).as("never subscribed").isEmpty();
		assertThat(this.outbox.counts()).isEqualTo(new Outbox.Counts(0, 2));
		assertThat(
				this.jdbc.queryForList("SELECT failure_reason FROM outbox WHERE failed_at IS NOT NULL", String.class))
			.allSatisfy((reason) -> assertThat(reason).contains("looks fake or invalid"));
		assertThat(this.jdbc.queryForObject("SELECT reason FROM do_not_subscribe WHERE email = 'someone@fake.invalid'",
				String.class))
			.isEqualTo("INVALID");

		long requests = this.sandbox.stats().totalRequests();
		assertThat(this.push.worthRunning()).isFalse();
		this.contacts.tag("someone@fake.invalid", List.of("Champion"), List.of());
		JobExecution again = this.push.launch();
		assertThat(RunSummary.lines(again)).containsEntry("Failed for good (not sent again)", "1");
		assertThat(this.sandbox.stats().writes()).as("the refused address is not subscribed again")
			.containsEntry(SUBSCRIBE, 1L);
		assertThat(this.sandbox.stats().totalRequests()).isGreaterThan(requests);
	}

	@Test
	void aPushThatFailsMidWayEndsAsIfEachChangeWasSentOnce() {
		String uninterrupted = scenario(() -> this.push.launch());

		this.sandbox = this.kapta.restart(SandboxOptions.defaults().withTags(List.of("Champion", "VIP")));
		this.jdbc.update("DELETE FROM outbox");
		String retried = scenario(() -> {
			// the subscribes went through, the tag calls do not
			this.sandbox.failWritesAfter(3);
			assertThat(this.push.launch().getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(this.outbox.counts().pending()).as("nothing marked sent")
				.isEqualTo(this.jdbc.queryForObject("SELECT COUNT(*) FROM outbox", Long.class));
			this.sandbox.failWritesAfter(-1);
			return this.push.launch();
		});

		assertThat(retried).isEqualTo(uninterrupted);
	}

	@Test
	void aPushWhoseProcessDiedIsResumedByTheNextPush() {
		this.contacts.add("killed@example.com", null, null, List.of("VIP"));
		var parameters = new PushParameters(Instant.now().minusSeconds(60)).toJobParameters();
		JobInstance instance = this.jobRepository.createJobInstance("push", parameters);
		var context = new ExecutionContext();
		// no such process: it was killed
		context.putLong("kapta.owner.pid", Long.MAX_VALUE);
		JobExecution killed = this.jobRepository.createJobExecution(instance, parameters, context);
		killed.setStatus(BatchStatus.STARTED);
		killed.setStartTime(LocalDateTime.now());
		this.jobRepository.update(killed);

		JobExecution run = this.push.launch();

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(run.getJobInstance().getInstanceId()).isEqualTo(instance.getInstanceId());
		assertThat(this.sandbox.audience().member("killed@example.com").orElseThrow().tags()).containsExactly("VIP");
	}

	private String scenario(Supplier<JobExecution> pushing) {
		for (int i = 0; i < 1_200; i++) {
			this.contacts.add(String.format("p%04d@example.com", i), null, null,
					(i % 2 == 0) ? List.of("VIP") : List.of("Champion"));
		}
		for (int i = 0; i < 1_200; i += 3) {
			this.contacts.tag(String.format("p%04d@example.com", i), List.of("Champion"), List.of("VIP"));
		}
		assertThat(pushing.get().getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.outbox.counts().pending()).isZero();
		return SandboxedKapta.mailchimpState(this.sandbox);
	}

	private List<String> queued() {
		return this.jdbc.queryForList("""
				SELECT c.email || ' ' || o.change_type || ' ' || COALESCE(o.tag_name, 'null') FROM outbox o
				JOIN contact c ON c.id = o.contact_id ORDER BY o.id""", String.class);
	}

}
