package com.kapta.mailchimp.schedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import com.kapta.mailchimp.KaptaSpringTest;
import com.kapta.mailchimp.contact.ContactService;
import com.kapta.mailchimp.importing.ImportFolder;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service's timers: the drop folder is watched (a complete file is imported once;
 * lock and temporary files stay) and waiting Kapta changes are pushed.
 */
@KaptaSpringTest
@TestPropertySource(properties = { "kapta.schedule.import-poll=200ms", "kapta.schedule.push=200ms" })
@ActiveProfiles("service")
class ServiceTimersTests {

	private static final MailchimpSandbox sandbox = MailchimpSandbox
		.start(SandboxOptions.defaults().withTags(List.of("Dropped")));

	@Autowired
	ImportFolder folder;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Scheduler scheduler;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	SettingsService settings;

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@Autowired
	ContactService contacts;

	@Test
	void waitingChangesArePushedByTheTimer() {
		this.settings.save(new SettingsChange(true, sandbox.baseUrl(), sandbox.apiKey(), "Kapta Contacts"));
		this.contacts.add("timer@example.com", "Timer", null, List.of("Dropped"));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> sandbox.audience()
				.member("timer@example.com")
				.map((member) -> member.tags().equals(List.of("Dropped")))
				.orElse(false));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL",
					Integer.class) == 0);
	}

	@Test
	void aDroppedFileIsImportedOnceAndLockFilesAreLeftAlone() throws Exception {
		this.settings.save(new SettingsChange(false, null, null, null));
		Files.createDirectories(this.folder.inbox());
		Files.writeString(this.folder.inbox().resolve("~$contacts.xlsx"), "Office's lock file");
		Path writing = this.folder.inbox().resolve("contacts.xlsx.tmp");
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			var sheet = workbook.createSheet("Contacts");
			sheet.createRow(0).createCell(0).setCellValue("Email Address");
			sheet.getRow(0).createCell(1).setCellValue("Dropped");
			sheet.createRow(1).createCell(0).setCellValue("dropped@example.com");
			sheet.getRow(1).createCell(1).setCellValue("Y");
			try (var out = Files.newOutputStream(writing)) {
				workbook.write(out);
			}
		}
		// the copy is complete
		Files.move(writing, this.folder.inbox().resolve("contacts.xlsx"));
		// several looks while the integration is off: the file waits
		waitForLooksAfter(Instant.now());
		assertThat(this.folder.waiting()).extracting((p) -> p.getFileName().toString())
			.containsExactly("contacts.xlsx");
		this.settings.save(new SettingsChange(true, sandbox.baseUrl(), sandbox.apiKey(), "Kapta Contacts"));

		await().atMost(Duration.ofSeconds(30)).until(() -> this.jdbc.queryForList("""
				SELECT t.tag_name FROM contact_tag t JOIN contact c ON c.id = t.contact_id
				WHERE c.email = 'dropped@example.com'""", String.class), (tags) -> tags.equals(List.of("Dropped")));
		// more looks
		waitForLooksAfter(Instant.now());

		assertThat(this.jobRepository.getJobInstances("import", 0, 10)).hasSize(1);
		assertThat(sandbox.audience().member("dropped@example.com").orElseThrow().tags()).containsExactly("Dropped");
		try (Stream<Path> left = Files.list(this.folder.inbox())) {
			assertThat(left.map((p) -> p.getFileName().toString())).containsExactlyInAnyOrder("~$contacts.xlsx",
					"processing", "processed", "failed");
		}
	}

	@Test
	void aStoredTaskThisVersionLacksIsRemovedWhenItFires() throws Exception {
		JobDetail retired = JobBuilder.newJob(QuartzTask.class)
			.withIdentity("retired", "kapta")
			.usingJobData(QuartzTask.TASK, "retired")
			.storeDurably()
			.build();
		this.scheduler.scheduleJob(retired, TriggerBuilder.newTrigger().forJob(retired).startNow().build());

		await().atMost(Duration.ofSeconds(30)).until(() -> !this.scheduler.checkExists(retired.getKey()));
		assertThat(this.scheduler.checkExists(TriggerKey.triggerKey("outboxPush", "kapta"))).isTrue();
	}

	/**
	 * Until the timers (every 200 ms here) have each started a look more than 500 ms
	 * after {@code mark}: at least two whole looks since.
	 */
	private void waitForLooksAfter(Instant mark) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Stream.of("importFolderWatch", "outboxPush")
				.map((task) -> previousFire(TriggerKey.triggerKey(task, "kapta")))
				.allMatch((started) -> started != null && started.toInstant().isAfter(mark.plusMillis(500))));
	}

	private Date previousFire(TriggerKey trigger) {
		try {
			return this.scheduler.getTrigger(trigger).getPreviousFireTime();
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
