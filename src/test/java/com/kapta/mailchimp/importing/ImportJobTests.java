package com.kapta.mailchimp.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import com.kapta.mailchimp.KaptaSpringTest;
import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.contact.ContactCsvLoader;
import com.kapta.mailchimp.export.ExportLauncher;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.tagdownload.DownloadLauncher;
import com.kapta.mailchimp.upload.UploadLauncher;
import com.kapta.mailchimp.workbook.Workbooks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Import Mailchimp Contacts and Tags end to end: real xlsx files, the drop folder, the
 * sandbox, Kapta's database.
 */
@KaptaSpringTest
@TestPropertySource(properties = { "kapta.mailchimp.max-attempts=3", "kapta.import.skip-limit=5",
		"kapta.import.settle-time=200ms" })
class ImportJobTests {

	private static final List<Object> HEADER = List.of("Email Address", "First Name", "Last Name", "Mailchimp Status",
			"Admin User", "Champion", "VIP", "Not A Tag");

	@Autowired
	ImportLauncher importer;

	@Autowired
	ImportFolder folder;

	@Autowired
	UploadLauncher upload;

	@Autowired
	DownloadLauncher download;

	@Autowired
	ExportLauncher export;

	@Autowired
	SettingsService settings;

	@Autowired
	ContactCsvLoader loader;

	@Autowired
	JdbcTemplate jdbc;

	private SandboxedKapta kapta;

	private MailchimpSandbox sandbox;

	@BeforeEach
	void scene() throws IOException {
		this.kapta = new SandboxedKapta(this.jdbc, this.settings, this.loader);
		this.sandbox = this.kapta.restart(SandboxOptions.defaults().withTags(List.of("Admin User", "Champion", "VIP")));
		clean(this.folder.inbox());
	}

	@AfterEach
	void stop() {
		this.kapta.close();
	}

	/** Ann and Bob are members Kapta knows (Ann with Champion); Carl is in Kapta only. */
	private void members() {
		this.kapta.load("ann@example.com,Ann,A,Champion", "bob@example.com,Bob,B,", "carl@example.com,Carl,C,");
		this.sandbox.audience().putMember("ann@example.com", "subscribed", "Champion");
		this.sandbox.audience().putMember("bob@example.com", "unsubscribed");
		assertThat(this.download.launch(false).getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	@Test
	void rowsAddContactsAndChangeTagsWithOneBulkCallPerKindOfChange() throws IOException {
		members();
		Path file = drop("people.xlsx", HEADER,
				row("ann@example.com", "Ann", "A", "subscribed", "Y", " n ", "maybe", "Y"),
				row("BOB@example.com", null, null, "unsubscribed", null, "y", null, null),
				row("carl@example.com", "Carl", "C", "not on Mailchimp", null, "Y", null, null),
				row("dora@example.com", "Dora", "D", null, null, null, "Y", null),
				row("not-an-email", null, null, null, "Y", null, null, null),
				row(null, "Nobody", null, null, "Y", null, null, null),
				row("Ann@Example.com", null, null, null, null, "Y", null, null),
				row("fake@domain.invalid", "Fake", null, null, "Y", null, null, null));

		JobExecution run = this.importer.launch(file, false);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.sandbox.audience().member("ann@example.com").orElseThrow().tags())
			.containsExactlyInAnyOrder("Admin User");
		assertThat(this.sandbox.audience().member("bob@example.com").orElseThrow().tags()).containsExactly("Champion");
		assertThat(this.sandbox.audience().member("bob@example.com").orElseThrow().status()).as("status never changed")
			.isEqualTo("unsubscribed");
		assertThat(this.sandbox.audience().member("carl@example.com").orElseThrow().tags()).containsExactly("Champion");
		assertThat(this.sandbox.audience().member("dora@example.com").orElseThrow().firstName()).isEqualTo("Dora");
		assertThat(this.sandbox.audience().member("dora@example.com").orElseThrow().tags()).containsExactly("VIP");
		assertThat(this.sandbox.audience().member("fake@domain.invalid")).isEmpty();
		assertThat(this.kapta.tags("ann@example.com")).containsExactly("Admin User");
		assertThat(this.kapta.tags("bob@example.com")).containsExactly("Champion");
		assertThat(this.kapta.tags("carl@example.com")).containsExactly("Champion");
		assertThat(this.kapta.tags("dora@example.com")).containsExactly("VIP");
		assertThat(this.kapta.tags("fake@domain.invalid")).as("a rejected row applies nothing").isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM contact WHERE email = 'fake@domain.invalid'",
				Integer.class))
			.isZero();
		// one batch subscribe (carl, dora, fake), one segment call per tag with changes
		assertThat(this.sandbox.stats().writes()).containsOnly(Map.entry("POST /lists/{list_id}", 1L),
				Map.entry("POST /lists/{list_id}/segments/{segment_id}", 3L));

		assertThat(RunSummary.lines(run)).containsEntry("Rows read", "8")
			.containsEntry("Contacts added to Mailchimp", "2")
			.containsEntry("Contacts created in Kapta", "1")
			.containsEntry("Tags added", "4 (Admin User 1, Champion 2, VIP 1)")
			.containsEntry("Tags removed", "1 (Champion 1)")
			.containsEntry("Ignored columns", "Not A Tag (not a tag of the audience)")
			.containsEntry("Skipped rows", "3")
			.containsEntry("Rejected by Mailchimp", "1");
		Path processed = this.folder.inbox().resolve("processed");
		assertThat(ImportLauncher.fileNowAt(run)).get().satisfies((at) -> {
			assertThat(at.getParent()).isEqualTo(processed);
			assertThat(at.getFileName().toString()).endsWith("-people.xlsx");
		});
		assertThat(file).doesNotExist();
		Path report = RunSummary.report(run).orElseThrow();
		assertThat(report.getParent()).isEqualTo(processed);
		assertThat(Workbooks.details(report)).containsExactly(List.of("Sheet row", "Email", "Outcome", "Reason"),
				List.of("6", "not-an-email", "SKIPPED", "'not-an-email' is not a valid email address: it has no @"),
				List.of("7", "(no email)", "SKIPPED", "The email address is missing"),
				List.of("8", "Ann@Example.com", "SKIPPED", "The email appears again: row 2 has it already"),
				List.of("9", "fake@domain.invalid", "REJECTED",
						"fake@domain.invalid looks fake or invalid, please enter a real email address."));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM import_row", Integer.class))
			.as("forgotten at the end")
			.isZero();
	}

	@Test
	void anUnchangedExportImportedBackMakesNoMailchimpWrites() throws Exception {
		members();
		this.kapta.load("eve@example.com,Eve,E,VIP;Admin User");
		assertThat(this.upload.launch(List.of(), false).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.download.launch(false).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Path exported = this.folder.inbox().resolve("export.xlsx");
		assertThat(this.export.launch(exported).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		String before = this.kapta.kaptaState();
		long writes = this.sandbox.stats().totalWrites();

		JobExecution run = this.importer.launch(exported, false);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.sandbox.stats().totalWrites()).isEqualTo(writes);
		assertThat(this.kapta.kaptaState()).isEqualTo(before);
		assertThat(RunSummary.lines(run)).containsEntry("Rows read", "4").containsEntry("Skipped rows", "0");
	}

	@Test
	void aDryRunReportsWhatWouldHappenAndChangesAndMovesNothing() throws IOException {
		members();
		Path file = drop("dry.xlsx", HEADER, row("ann@example.com", null, null, null, "Y", "N", null, null),
				row("new@example.com", null, null, null, null, null, "Y", null),
				row("bad", null, null, null, null, null, null, null));
		String before = this.kapta.kaptaState();
		long writes = this.sandbox.stats().totalWrites();

		JobExecution run = this.importer.launch(file, true);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(RunSummary.lines(run)).containsEntry("Contacts that would be added to Mailchimp", "1")
			.containsEntry("Contacts that would be created in Kapta", "1")
			.containsEntry("Tags added", "2 (Admin User 1, VIP 1)")
			.containsEntry("Tags removed", "1 (Champion 1)")
			.containsEntry("Skipped rows", "1");
		assertThat(this.sandbox.stats().totalWrites()).isEqualTo(writes);
		assertThat(this.kapta.kaptaState()).isEqualTo(before);
		assertThat(file).exists();
		assertThat(RunSummary.report(run).orElseThrow()).exists()
			.hasFileName(RunSummary.report(run).orElseThrow().getFileName().toString());
		assertThat(RunSummary.report(run).orElseThrow().getFileName().toString()).startsWith("import-dry-run-");
	}

	@Test
	void aDryRunOfASheetThatBreaksOffFailsWhereItBreaksAndChangesNothing() throws IOException {
		members();
		List<List<Object>> rows = new ArrayList<>();
		for (int i = 0; i < 6_000; i++) {
			rows.add(row("p" + i + "@example.com", null, null, null, "Y", null, null, null));
		}
		Path whole = drop("whole.xlsx", HEADER, rows.toArray(List[]::new));
		Path cut = Workbooks.withSheetCutAfterRow(whole, this.folder.inbox().resolve("cut.xlsx"), 5_500);
		String before = this.kapta.kaptaState();
		long writes = this.sandbox.stats().totalWrites();

		JobExecution run = this.importer.launch(cut, true);

		// the dry run reads the sheet once, as it stages it: the break fails it there
		assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(RunSummary.failureReason(run)).contains("The sheet 'Sheet1' is damaged after row 5500");
		assertThat(this.sandbox.stats().totalWrites()).isEqualTo(writes);
		assertThat(this.kapta.kaptaState()).isEqualTo(before);
		assertThat(cut).exists();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM import_row", Integer.class))
			.as("a dry run stages nothing")
			.isZero();
	}

	@Test
	void anUnreadableFileEndsInFailedWithItsReasonAndSendsNothing() throws Exception {
		Path csv = Files.writeString(this.folder.inbox().resolve("contacts.xlsx"), "Email Address\nann@example.com\n");
		long requests = this.sandbox.stats().totalRequests();

		JobExecution run = this.importer.launch(csv, false);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
		Path failed = ImportLauncher.fileNowAt(run).orElseThrow();
		assertThat(failed.getParent()).isEqualTo(this.folder.inbox().resolve("failed"));
		assertThat(failed).hasContent("Email Address\nann@example.com");
		assertThat(failed.resolveSibling(failed.getFileName() + ".reason.txt"))
			.hasContent("The file is not an xlsx workbook (it looks like text or CSV).");
		assertThat(this.sandbox.stats().totalRequests()).as("nothing sent, not even a read").isEqualTo(requests);
	}

	@Test
	void tooManyBadRowsFailTheFileWithTheLimitInItsReason() throws IOException {
		List<List<Object>> rows = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			rows.add(row("bad" + i, null, null, null, "Y", null, null, null));
		}
		Path file = drop("bad.xlsx", HEADER, rows.toArray(List[]::new));

		JobExecution run = this.importer.launch(file, false);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
		Path failed = ImportLauncher.fileNowAt(run).orElseThrow();
		assertThat(Files.readString(failed.resolveSibling(failed.getFileName() + ".reason.txt")))
			.startsWith("7 rows were skipped or rejected, more than kapta.import.skip-limit (5)");
		assertThat(this.sandbox.stats().totalWrites()).isZero();
	}

	@Test
	void aRestartAfterAFailureEndsAsAnUninterruptedRunAndTakesTheFileBackFromFailed() throws IOException {
		String uninterrupted = bigImport(() -> this.importer.launch(bigFile("straight.xlsx"), false));

		this.sandbox = this.kapta.restart(SandboxOptions.defaults().withTags(List.of("Admin User", "Champion", "VIP")));
		String restarted = bigImport(() -> {
			Path file = bigFile("broken.xlsx");
			// after the 24 subscribes and a few tag calls, Mailchimp stops answering
			this.sandbox.failWritesAfter(30);
			JobExecution failed = this.importer.launch(file, false);
			assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(ImportLauncher.fileNowAt(failed).orElseThrow().getParent().getFileName()).hasToString("failed");
			this.sandbox.failWritesAfter(-1);
			JobExecution resumed = this.importer.restart();
			assertThat(ImportLauncher.fileNowAt(resumed).orElseThrow().getParent().getFileName())
				.hasToString("processed");
			assertThat(this.folder.inbox().resolve("failed")).isEmptyDirectory();
			return resumed;
		});

		assertThat(restarted).isEqualTo(uninterrupted);
	}

	@Test
	void theDropFolderTakesCompleteFilesOnceAndLeavesLockAndTemporaryFiles() throws IOException {
		members();
		drop("one.xlsx", HEADER, row("ann@example.com", null, null, null, "Y", null, null, null));
		drop("two.xlsx", HEADER, row("ann@example.com", null, null, null, "Y", null, null, null));
		Files.writeString(this.folder.inbox().resolve("~$one.xlsx"), "owner");
		Files.writeString(this.folder.inbox().resolve(".hidden.xlsx"), "x");
		Files.writeString(this.folder.inbox().resolve("download.xlsx.tmp"), "x");

		List<JobExecution> runs = this.importer.launchWaiting(false, (execution) -> {
		});

		assertThat(runs).extracting(JobExecution::getStatus)
			.containsExactly(BatchStatus.COMPLETED, BatchStatus.COMPLETED);
		assertThat(RunSummary.lines(runs.get(0))).containsEntry("Tags added", "1 (Admin User 1)");
		assertThat(RunSummary.lines(runs.get(1))).as("the same change again changes nothing")
			.containsEntry("Tags added", "0");
		try (Stream<Path> left = Files.list(this.folder.inbox())) {
			assertThat(left.map((p) -> p.getFileName().toString())).containsExactlyInAnyOrder("~$one.xlsx",
					".hidden.xlsx", "download.xlsx.tmp", "processed", "processing");
		}
		try (Stream<Path> processed = Files.list(this.folder.inbox().resolve("processed"))) {
			assertThat(processed.map((p) -> p.getFileName().toString().replaceFirst("^\\d{8}-\\d{6}-\\d{3}-", "")))
				.containsExactlyInAnyOrder("one.xlsx", "one-report.xlsx", "two.xlsx", "two-report.xlsx");
		}
		assertThat(this.importer.launchWaiting(false, (execution) -> {
		})).isEmpty();
	}

	@Test
	void aFileWrittenByOpenpyxlIsReadLikeOurs() throws IOException {
		members();
		Path file = this.folder.inbox().resolve("openpyxl-made.xlsx");
		try (InputStream fixture = getClass().getResourceAsStream("openpyxl-made.xlsx")) {
			Files.copy(fixture, file);
		}

		JobExecution run = this.importer.launch(file, false);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.kapta.tags("ann@example.com")).containsExactly("Admin User", "VIP");
		assertThat(this.kapta.tags("bob@example.com")).isEmpty();
		assertThat(this.sandbox.audience().member("ann@example.com").orElseThrow().tags())
			.containsExactlyInAnyOrder("Admin User", "VIP");
		assertThat(RunSummary.lines(run)).containsEntry("Rows read", "3").containsEntry("Skipped rows", "1");
	}

	/**
	 * 12 000 contacts (three chunks of staging), each row adding one or two tags, a third
	 * of them removing one.
	 */
	private Path bigFile(String name) {
		List<List<Object>> rows = new ArrayList<>();
		for (int i = 0; i < 12_000; i++) {
			rows.add(row(String.format("person%05d@example.com", i), "P" + i, null, null, "Y", "N",
					(i % 2 == 0) ? "Y" : "", null));
		}
		// an email of the first chunk of rows again, two chunks on, asking the opposite
		rows.add(row("PERSON00007@example.com", "Again", null, null, "N", "Y", "N", null));
		return drop(name, HEADER, rows.toArray(List[]::new));
	}

	private String bigImport(Supplier<JobExecution> importing) throws IOException {
		StringBuilder seed = new StringBuilder();
		for (int i = 0; i < 12_000; i += 3) {
			seed.append(String.format("person%05d@example.com,,,Champion%n", i));
		}
		this.kapta.load(seed.toString().strip().split("\n"));
		JobExecution run = importing.get();
		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(Workbooks.details(RunSummary.report(run).orElseThrow()))
			.containsExactly(List.of("Sheet row", "Email", "Outcome", "Reason"), List.of("12002",
					"PERSON00007@example.com", "SKIPPED", "The email appears again: row 9 has it already"));
		return this.kapta.kaptaState().replaceAll("(?m)^(\\S+) \\S+ ", "$1 ")
				+ SandboxedKapta.mailchimpState(this.sandbox);
	}

	@SafeVarargs
	private Path drop(String name, List<Object> header, List<Object>... rows) {
		List<List<Object>> all = new ArrayList<>();
		all.add(header);
		all.addAll(Arrays.asList(rows));
		return Workbooks.xlsx(this.folder.inbox().resolve(name), all);
	}

	private static List<Object> row(Object... cells) {
		return Arrays.asList(cells);
	}

	private static void clean(Path folder) throws IOException {
		if (Files.exists(folder)) {
			try (Stream<Path> all = Files.walk(folder)) {
				all.sorted(Comparator.reverseOrder())
					.filter((p) -> !p.equals(folder))
					.forEach((p) -> p.toFile().delete());
			}
		}
		Files.createDirectories(folder);
	}

}
