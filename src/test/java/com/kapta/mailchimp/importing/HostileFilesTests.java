package com.kapta.mailchimp.importing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import com.kapta.mailchimp.KaptaSpringTest;
import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.TestHomes;
import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.contact.ContactCsvLoader;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.workbook.Workbooks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import job against a corpus of hostile and odd workbooks, generated here: each ends
 * in its documented outcome, either {@code failed/} with a one-sentence reason and
 * nothing at all sent to Mailchimp, or {@code processed/} with odd rows skipped for a
 * stated reason. How the reader reads each kind of file, to the last row and column a
 * sheet can have, is {@code SheetReaderTests}; here, what the job makes of it.
 */
@KaptaSpringTest
@TestPropertySource(properties = { "kapta.import.skip-limit=1000", "kapta.import.max-shared-strings=2MB" })
class HostileFilesTests {

	private static final List<Object> HEADER = List.of("Email Address", "First Name", "Last Name", "Champion", "VIP");

	@Autowired
	ImportLauncher importer;

	@Autowired
	ImportFolder folder;

	@Autowired
	SettingsService settings;

	@Autowired
	ContactCsvLoader loader;

	@Autowired
	JdbcTemplate jdbc;

	private static SandboxedKapta kapta;

	private static MailchimpSandbox sandbox;

	private Path dir;

	@AfterAll
	static void stop() {
		if (kapta != null) {
			kapta.close();
		}
	}

	@TestFactory
	Stream<DynamicTest> everyFileEndsInItsDocumentedOutcome() throws IOException {
		kapta = new SandboxedKapta(this.jdbc, this.settings, this.loader);
		sandbox = kapta.restart(SandboxOptions.defaults().withTags(List.of("Champion", "VIP")));
		// the class's own folder: the PostgreSQL variant may run at the same time in the
		// other test JVM
		this.dir = Files.createDirectories(TestHomes.reset(getClass().getSimpleName() + "-corpus"));
		Path ok = xlsx("ok", HEADER, row("ann@example.com", "Ann", "A", "Y", "N"));
		byte[] whole = Files.readAllBytes(ok);
		return Stream.of(
				// files that are not an xlsx we can read: failed/, one sentence, nothing
				// sent (every refusal of the reader: SheetReaderTests)
				refused("empty file", () -> Files.write(file("empty"), new byte[0]), "The file is empty."),
				refused("CSV renamed to .xlsx",
						() -> Files.writeString(file("csv"), "Email Address,Champion\nann@example.com,Y\n"),
						"it looks like text or CSV"),
				refused(".xls renamed to .xlsx", () -> Workbooks.xls(file("old")), "Excel 97-2003 workbook (.xls)"),
				refused("password-protected", () -> Workbooks.passwordProtected(file("locked")), "password-protected"),
				refused("truncated", () -> Files.write(file("cut"), Arrays.copyOf(whole, whole.length / 2)),
						"not a readable xlsx workbook"),
				refused("zip bomb",
						() -> Workbooks.withPart(ok, file("bomb"), "xl/worksheets/sheet1.xml",
								Workbooks.bombSheet(20_000_000)),
						"zip bomb"),
				refused("XXE",
						() -> Workbooks.withPart(ok, file("xxe"), "xl/worksheets/sheet1.xml",
								Workbooks.externalEntitySheet()),
						"external entities"),
				// a valid archive whose sheet breaks off after more rows than a chunk:
				// refused before the first call
				refused("sheet cut off after 5 500 rows",
						() -> Workbooks.withSheetCutAfterRow(xlsx("long", HEADER,
								IntStream.range(0, 6_000)
									.mapToObj((i) -> row("p" + i + "@example.com", "P", "Q", "Y", "N"))
									.toArray(List[]::new)),
								file("cut-sheet"), 5_500),
						"is damaged after row 5500"),
				// kapta.import.max-shared-strings, set to 2MB above
				refused("shared strings far larger than the zip says",
						() -> Workbooks.withUnderstatedSharedStrings(ok, file("understated"), 3_000_000, 1_000),
						"shared strings take more than the 2 MB"),
				refused("no visible sheet",
						() -> Workbooks.onlyHiddenSheet(file("hidden"),
								List.of(HEADER, row("ann@example.com", null, null, "Y", null))),
						"The workbook has no visible sheet."),
				refused("no email column", () -> xlsx("no-email", List.of("Name", "Champion"), row("Ann", "Y")),
						"has no header row with an email column"),
				// odd but readable: processed/, each odd row skipped with its reason (how
				// each is read: SheetReaderTests)
				processed("header only", () -> xlsx("header-only", HEADER), Map.of("Rows read", "0"), List.of()),
				processed("Y, y, N, Yes and x",
						() -> xlsx("values", HEADER, row("di@example.com", null, null, "y", "Yes"),
								row("ed@example.com", null, null, "x", " N "),
								row("fa@example.com", null, null, "Y", "n")),
						Map.of("Rows read", "3", "Tags added", "2 (Champion 2)"), List.of()),
				processed("duplicate emails",
						() -> xlsx("dups", HEADER, row("gi@example.com", null, null, "Y", null),
								row("GI@example.com", null, null, "N", null)),
						Map.of("Skipped rows", "1"),
						List.of(List.of("3", "GI@example.com", "SKIPPED",
								"The email appears again: row 2 has it already"))),
				processed("numbers and dates in the email column",
						() -> Workbooks.numbersAndDates(file("numbers"), HEADER), Map.of("Skipped rows", "2"),
						List.of(List.of("2", "12345", "SKIPPED", "'12345' is not a valid email address: it has no @"),
								List.of("3", "1/2/26", "SKIPPED",
										"'1/2/26' is not a valid email address: it has no @"))),
				processed("formulas", () -> Workbooks.formulas(file("formulas"), HEADER),
						Map.of("Rows read", "1", "Tags added", "1 (Champion 1)"), List.of()),
				processed("merged cells", () -> Workbooks.merged(file("merged")),
						Map.of("Rows read", "2", "Skipped rows", "1"),
						List.of(List.of("3", "(no email)", "SKIPPED", "The email address is missing"))),
				processed("duplicate headers",
						() -> xlsx("dup-headers", List.of("Email Address", "Champion", "champion"),
								row("jo@example.com", "Y", "N")),
						Map.of("Tags added", "1 (Champion 1)"), List.of()),
				processed("unicode and IDN emails",
						() -> xlsx("idn", HEADER, row("名前@例え.jp", "Zoë", "Ünïcödé 名前", "Y", null),
								row("li@bücher.de", null, null, "Y", null)),
						Map.of("Rows read", "2", "Skipped rows", "0"), List.of()),
				processed("a 32 767-character cell",
						() -> xlsx("long-cell", HEADER, row("mo@example.com", "x".repeat(32_767), null, "Y", null)),
						Map.of("Rows read", "1", "Skipped rows", "1"),
						List.of(List.of("2", "mo@example.com", "SKIPPED",
								"The first name has 32767 characters, more than the 255 Kapta keeps"))),
				processed("values of an undefined tag column",
						() -> xlsx("undefined", List.of("Email Address", "Not A Tag"), row("ne@example.com", "Y")),
						Map.of("Ignored columns", "Not A Tag (not a tag of the audience)"), List.of()));
	}

	/**
	 * A file the import must refuse as a whole: failed/ with a reason, and not one
	 * request to Mailchimp.
	 */
	private DynamicTest refused(String name, FileMaker maker, String reason) {
		return DynamicTest.dynamicTest(name, () -> {
			Path file = maker.make();
			long requests = sandbox.stats().totalRequests();
			JobExecution run = this.importer.launch(file, false);
			assertThat(run.getStatus()).as(name).isEqualTo(BatchStatus.FAILED);
			Path failed = ImportLauncher.fileNowAt(run).orElseThrow();
			assertThat(failed.getParent()).isEqualTo(this.folder.inbox().resolve("failed"));
			assertThat(Files.readString(failed.resolveSibling(failed.getFileName() + ".reason.txt")).strip()).as(name)
				.contains(reason)
				.doesNotContain("\n");
			assertThat(sandbox.stats().totalRequests()).as("%s: nothing sent", name).isEqualTo(requests);
		});
	}

	/**
	 * A file the import must process, with these summary lines and these rows in its
	 * report.
	 */
	private DynamicTest processed(String name, FileMaker maker, Map<String, String> summary,
			List<List<String>> details) {
		return DynamicTest.dynamicTest(name, () -> {
			JobExecution run = this.importer.launch(maker.make(), false);
			assertThat(run.getStatus()).as("%s: %s", name, run.getExitStatus().getExitDescription())
				.isEqualTo(BatchStatus.COMPLETED);
			assertThat(ImportLauncher.fileNowAt(run).orElseThrow().getParent())
				.isEqualTo(this.folder.inbox().resolve("processed"));
			assertThat(RunSummary.lines(run)).as(name).containsAllEntriesOf(summary);
			List<List<String>> rows = Workbooks.details(RunSummary.report(run).orElseThrow());
			assertThat(rows.subList(1, rows.size())).as(name).containsExactlyElementsOf(details);
		});
	}

	@FunctionalInterface
	private interface FileMaker {

		Path make() throws Exception;

	}

	private Path file(String name) {
		return this.dir.resolve(name + ".xlsx");
	}

	@SafeVarargs
	private Path xlsx(String name, List<Object> header, List<Object>... rows) {
		List<List<Object>> all = new ArrayList<>();
		all.add(header);
		all.addAll(Arrays.asList(rows));
		return Workbooks.xlsx(file(name), all);
	}

	private static List<Object> row(Object... cells) {
		return Arrays.asList(cells);
	}

}
