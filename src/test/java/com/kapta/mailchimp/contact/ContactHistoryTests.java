package com.kapta.mailchimp.contact;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.KaptaJob;
import com.kapta.mailchimp.KaptaSpringTest;
import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.audit.Actor;
import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.export.ExportLauncher;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.tagdownload.DownloadLauncher;
import com.kapta.mailchimp.upload.UploadLauncher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each contact's history as the jobs and people make it, against the sandbox: a tag
 * removed on Mailchimp shows after a download with the run's id and why; a status change
 * with before and after; an upload's tags and new membership; a hand edit with its
 * person; a run that changes nothing, and a dry run, write nothing; and the history,
 * replayed from nothing, gives every contact's tags.
 */
@KaptaSpringTest
class ContactHistoryTests {

	@Autowired
	DownloadLauncher download;

	@Autowired
	UploadLauncher upload;

	@Autowired
	ContactService contacts;

	@Autowired
	SettingsService settings;

	@Autowired
	ContactCsvLoader loader;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ExportLauncher export;

	@Autowired
	ContactHistory history;

	private SandboxedKapta kapta;

	private MailchimpSandbox sandbox;

	@BeforeEach
	void fresh() {
		this.kapta = new SandboxedKapta(this.jdbc, this.settings, this.loader);
		this.sandbox = this.kapta.restart(SandboxOptions.defaults().withTags(List.of("Champion", "Old Tag", "VIP")));
	}

	@AfterEach
	void stop() {
		this.kapta.close();
	}

	@Test
	void aDownloadRecordsWhatItChangedWithItsRunAndWhyAndARunThatChangesNothingRecordsNothing() {
		this.kapta.load("ann@example.com,,,Old Tag;Champion", "bob@example.com,,,");
		this.sandbox.audience().putMember("ann@example.com", "subscribed", "Champion", "VIP");
		this.sandbox.audience().putMember("bob@example.com", "unsubscribed");

		JobExecution run = this.download.launch(false);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<String> ann = lines("ann@example.com");
		assertThat(ann)
			.startsWith(
					"Download To Kapta (run " + run.getId() + "): Mailchimp status none → subscribed — on Mailchimp")
			.contains("Download To Kapta (run " + run.getId() + "): tag Old Tag removed — removed on Mailchimp",
					"Download To Kapta (run " + run.getId() + "): tag VIP added — on Mailchimp")
			.endsWith(who() + ": contact created — loaded from " + csvName(ann));
		assertThat(lines("bob@example.com")).first()
			.isEqualTo(
					"Download To Kapta (run " + run.getId() + "): Mailchimp status none → unsubscribed — on Mailchimp");
		ContactHistory.Entry removed = history("ann@example.com").stream()
			.filter((entry) -> entry.kind() == ContactHistory.Kind.TAG_REMOVED)
			.findFirst()
			.orElseThrow();
		assertThat(removed.jobName()).isEqualTo("downloadTags");
		assertThat(removed.runId()).isEqualTo(run.getId());
		assertThat(removed.value()).isEqualTo("Old Tag");

		// Mailchimp changes a status: before and after
		this.sandbox.audience().putMember("ann@example.com", "unsubscribed", "Champion", "VIP");
		JobExecution second = this.download.launch(false);
		assertThat(lines("ann@example.com")).first()
			.isEqualTo("Download To Kapta (run " + second.getId()
					+ "): Mailchimp status subscribed → unsubscribed — on Mailchimp");

		int rows = count();
		this.download.launch(false);
		assertThat(count()).as("a download that changes nothing writes no history").isEqualTo(rows);
		this.sandbox.audience().tagMember("ann@example.com", "Champion", false);
		this.download.launch(true);
		assertThat(count()).as("a dry run changes nothing, and records nothing").isEqualTo(rows);
		assertThat(SandboxedKapta.historyState(this.jdbc)).contains("history mismatches: none");
	}

	@Test
	void anUploadRecordsTheMembershipItMadeAndOnlyTheTagsAContactDidNotHave() {
		this.kapta.load("new@example.com,,,", "tagged@example.com,,,vip");

		JobExecution run = this.upload.launch(List.of("VIP"), false);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		String by = "Upload To Mailchimp (run " + run.getId() + "): ";
		assertThat(lines("new@example.com")).contains(by + "tag VIP added — chosen for the upload",
				by + "Mailchimp status none → subscribed — added to the audience");
		assertThat(lines("tagged@example.com")).as("a tag held in another spelling is no change")
			.contains(by + "Mailchimp status none → subscribed — added to the audience")
			.noneMatch((line) -> line.startsWith(by + "tag"));
		assertThat(SandboxedKapta.historyState(this.jdbc)).contains("history mismatches: none");
	}

	@Test
	void aHandEditIsRecordedWithItsPersonAndChannelAndPagedNewestFirst() {
		Actor.as(new Actor("ann", Actor.Channel.CONSOLE, "127.0.0.1"), () -> {
			this.contacts.add("carl@example.com", "Carl", null, List.of("Champion"));
			this.contacts.tag("carl@example.com", List.of("VIP"), List.of("Champion"));
			this.contacts.tag("carl@example.com", List.of("VIP"), List.of());
		});

		assertThat(lines("carl@example.com")).containsExactly("ann (console): tag Champion removed — by hand",
				"ann (console): tag VIP added — by hand", "ann (console): tag Champion added — by hand",
				"ann (console): contact created — by hand");
		long id = this.contacts.find("carl@example.com").orElseThrow().id();
		List<ContactHistory.Entry> first = this.contacts.history(id, null, 2);
		List<ContactHistory.Entry> next = this.contacts.history(id, first.get(1).id(), 2);
		assertThat(first).extracting(ContactHistory.Entry::what)
			.containsExactly("tag Champion removed", "tag VIP added");
		assertThat(next).extracting(ContactHistory.Entry::what)
			.containsExactly("tag Champion added", "contact created");
	}

	@Test
	void theExportAddsAHistorySheetWhenAskedAndTheServicePrunesWhatIsOlderThanKept() throws Exception {
		this.kapta.load("dora@example.com,,,Champion");
		this.sandbox.audience().putMember("dora@example.com", "subscribed", "VIP");
		JobExecution downloaded = this.download.launch(false);
		Path plain = Files.createTempDirectory("history").resolve("plain.xlsx");
		Path withHistory = plain.resolveSibling("with-history.xlsx");
		assertThat(this.export.launch(plain, false).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		JobExecution exported = this.export.launch(withHistory, true);
		assertThat(exported.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(RunSummary.lines(exported)).containsEntry("History", "5 changes");
		try (var workbook = new XSSFWorkbook(plain.toFile())) {
			assertThat(workbook.getNumberOfSheets()).isEqualTo(1);
		}
		try (var workbook = new XSSFWorkbook(withHistory.toFile())) {
			Sheet sheet = workbook.getSheet("History");
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Email Address");
			List<String> rows = new ArrayList<>();
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				rows.add(sheet.getRow(r).getCell(0).getStringCellValue() + " | "
						+ sheet.getRow(r).getCell(2).getStringCellValue() + " | "
						+ sheet.getRow(r).getCell(3).getStringCellValue() + " | "
						+ sheet.getRow(r).getCell(4).getStringCellValue());
			}
			String by = "Download To Kapta (run " + downloaded.getId() + ")";
			assertThat(rows).hasSize(5)
				.contains("dora@example.com | Mailchimp status none → subscribed | " + by + " | on Mailchimp",
						"dora@example.com | tag Champion removed | " + by + " | removed on Mailchimp",
						"dora@example.com | tag VIP added | " + by + " | on Mailchimp");
		}

		// a change older than kept goes, a newer one stays
		this.jdbc.update("UPDATE contact_history SET changed_at = ? WHERE kind = 'CREATED'",
				Timestamp.from(Instant.now().minus(Duration.ofDays(401))));
		assertThat(this.history.prune(Instant.now().minus(Duration.ofDays(400)))).isEqualTo(1);
		assertThat(lines("dora@example.com")).hasSize(4).noneMatch((line) -> line.contains("contact created"));
	}

	private List<ContactHistory.Entry> history(String email) {
		return this.contacts.history(this.contacts.find(email).orElseThrow().id(), null, 100);
	}

	private List<String> lines(String email) {
		return history(email).stream().map((entry) -> entry.text(KaptaJob::labelOf)).toList();
	}

	private int count() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM contact_history", Integer.class);
	}

	/** This process's actor, as a command's history names it. */
	private static String who() {
		return Actor.commandLine().who() + " (cli)";
	}

	/** The temporary CSV file the scene was loaded from, as the history names it. */
	private static String csvName(List<String> lines) {
		String last = lines.get(lines.size() - 1);
		return last.substring(last.indexOf("loaded from ") + "loaded from ".length());
	}

}
