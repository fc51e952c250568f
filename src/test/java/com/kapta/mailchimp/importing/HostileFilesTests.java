package com.kapta.mailchimp.importing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
 * stated reason. (A sheet with a million rows filled is the million-row benchmark; here
 * the sheet's last possible row, 1 048 576, is used.)
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
				// sent
				refused("empty file", () -> Files.write(file("empty"), new byte[0]), "The file is empty."),
				refused("CSV renamed to .xlsx",
						() -> Files.writeString(file("csv"), "Email Address,Champion\nann@example.com,Y\n"),
						"it looks like text or CSV"),
				refused("text renamed to .xlsx",
						() -> Files.writeString(file("text"), "Dear team, the list is attached.\n"),
						"it looks like text or CSV"),
				refused(".xls renamed to .xlsx", () -> Workbooks.xls(file("old")), "Excel 97-2003 workbook (.xls)"),
				refused("password-protected", () -> Workbooks.passwordProtected(file("locked")), "password-protected"),
				refused("truncated", () -> Files.write(file("cut"), Arrays.copyOf(whole, whole.length / 2)),
						"not a readable xlsx workbook"),
				refused("corrupt zip", () -> Files.write(file("corrupt"), corrupt(whole)),
						"not a readable xlsx workbook"),
				refused("zip without workbook parts", () -> zipOf(file("parts"), "hello.txt", "hi"),
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
				// references and texts no Excel makes, which would fill the heap
				refused("a header cell in column ZZZZZZ",
						() -> Workbooks.withPart(ok, file("zzzzzz"), "xl/worksheets/sheet1.xml",
								Workbooks.inlineSheet(List.of(List.of("A1", "Email Address", "ZZZZZZ1", "Champion"),
										List.of("A2", "ann@example.com", "ZZZZZZ2", "Y")))),
						"beyond Excel's last column (XFD)"),
				refused("a row after 1 048 576", () -> rowBeyond(ok),
						"beyond Excel's last column (XFD) or row (1 048 576)"),
				refused("a 32 768-character cell",
						() -> Workbooks.withPart(ok, file("too-long-cell"), "xl/worksheets/sheet1.xml",
								Workbooks.inlineSheet(List.of(List.of("A1", "Email Address", "B1", "First Name"),
										List.of("A2", "mo@example.com", "B2", "x".repeat(32_768))))),
						"more than 32 767 characters"),
				refused("shared strings far larger than the zip says",
						() -> Workbooks.withUnderstatedSharedStrings(ok, file("understated"), 3_000_000, 1_000),
						"shared strings take more than the 2 MB"),
				refused("no visible sheet", () -> onlyHiddenSheet(file("hidden")),
						"The workbook has no visible sheet."),
				refused("no email column", () -> xlsx("no-email", List.of("Name", "Champion"), row("Ann", "Y")),
						"has no header row with an email column"),
				refused("no rows at all", () -> xlsx("blank", List.of()), "has no header row with an email column"),
				// odd but readable: processed/, each odd row skipped with its reason
				processed("header only", () -> xlsx("header-only", HEADER), Map.of("Rows read", "0"), List.of()),
				processed("title rows above the header",
						() -> xlsx("title", List.of("Our contacts"), List.of(), List.of("E-mail", "Champion"),
								row("bo@example.com", "Y")),
						Map.of("Rows read", "1"), List.of()),
				processed("leading and trailing spaces",
						() -> xlsx("spaces", HEADER, row("  cy@example.com  ", " Cy ", null, " Y ", null)),
						Map.of("Rows read", "1", "Skipped rows", "0"), List.of()),
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
				processed("blank rows in the middle",
						() -> xlsx("gaps", HEADER, row("ha@example.com", null, null, "Y", null), List.of(), List.of(),
								row("ib@example.com", null, null, "Y", null)),
						Map.of("Rows read", "2", "Skipped rows", "0"), List.of()),
				processed("numbers and dates in the email column", () -> numbersAndDates(file("numbers")),
						Map.of("Skipped rows", "2"),
						List.of(List.of("2", "12345", "SKIPPED", "'12345' is not a valid email address: it has no @"),
								List.of("3", "1/2/26", "SKIPPED",
										"'1/2/26' is not a valid email address: it has no @"))),
				processed("formulas", () -> formulas(file("formulas")),
						Map.of("Rows read", "1", "Tags added", "1 (Champion 1)"), List.of()),
				processed("merged cells", () -> merged(file("merged")), Map.of("Rows read", "2", "Skipped rows", "1"),
						List.of(List.of("3", "(no email)", "SKIPPED", "The email address is missing"))),
				processed("hidden first sheet", () -> hiddenFirstSheet(file("hidden-first")), Map.of("Rows read", "1"),
						List.of()),
				processed("duplicate headers",
						() -> xlsx("dup-headers", List.of("Email Address", "Champion", "champion"),
								row("jo@example.com", "Y", "N")),
						Map.of("Tags added", "1 (Champion 1)"), List.of()),
				processed("unicode names",
						() -> xlsx("unicode", HEADER, row("ka@example.com", "Zoë", "Ünïcödé 名前", "Y", null)),
						Map.of("Skipped rows", "0"), List.of()),
				processed("unicode and IDN emails",
						() -> xlsx("idn", HEADER, row("名前@例え.jp", null, null, "Y", null),
								row("li@bücher.de", null, null, "Y", null)),
						Map.of("Rows read", "2"), List.of()),
				processed("a 32 767-character cell",
						() -> xlsx("long-cell", HEADER, row("mo@example.com", "x".repeat(32_767), null, "Y", null)),
						Map.of("Rows read", "1", "Skipped rows", "1"),
						List.of(List.of("2", "mo@example.com", "SKIPPED",
								"The first name has 32767 characters, more than the 255 Kapta keeps"))),
				processed("16 384 columns", () -> wide(file("wide")),
						Map.of("Rows read", "1", "Tags added", "1 (Champion 1)"), List.of()),
				processed("the last row of a sheet (1 048 576)", () -> lastRow(file("tall")), Map.of("Rows read", "2"),
						List.of()),
				processed("values of an undefined tag column",
						() -> xlsx("undefined", List.of("Email Address", "Not A Tag"), row("ne@example.com", "Y")),
						Map.of("Ignored columns", "Not A Tag (not a tag of the audience)"), List.of()),
				processed("an openpyxl-made workbook", () -> copy("openpyxl-made.xlsx"),
						Map.of("Rows read", "3", "Skipped rows", "1"), List.of(List.of("5", "not an email", "SKIPPED",
								"'not an email' is not a valid email address: it has no @"))));
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

	private Path copy(String resource) throws IOException {
		try (var in = getClass().getResourceAsStream(resource)) {
			Path target = file("copied-" + resource.replace(".xlsx", ""));
			Files.write(target, in.readAllBytes());
			return target;
		}
	}

	/** A sheet whose second row is numbered past Excel's last. */
	private Path rowBeyond(Path ok) throws IOException {
		String sheet = new String(Workbooks.inlineSheet(List.of(List.of("A1", "Email Address"), List.of("A2", "x"))),
				StandardCharsets.UTF_8)
			.replace("<row r=\"2\">", "<row r=\"1048577\">")
			.replace("r=\"A2\"", "r=\"A1048577\"");
		return Workbooks.withPart(ok, file("row-beyond"), "xl/worksheets/sheet1.xml",
				sheet.getBytes(StandardCharsets.UTF_8));
	}

	/** The zip's central directory overwritten: the archive cannot be opened. */
	private static byte[] corrupt(byte[] whole) {
		byte[] bytes = whole.clone();
		for (int i = bytes.length - 200; i < bytes.length; i++) {
			bytes[i] = 0x55;
		}
		return bytes;
	}

	private static Path zipOf(Path file, String entry, String content) throws IOException {
		try (var out = new ZipOutputStream(Files.newOutputStream(file))) {
			out.putNextEntry(new ZipEntry(entry));
			out.write(content.getBytes(StandardCharsets.UTF_8));
			out.closeEntry();
		}
		return file;
	}

	private static Path onlyHiddenSheet(Path file) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			Workbooks.fill(workbook.createSheet("Only"),
					List.of(HEADER, row("ann@example.com", null, null, "Y", null)));
			workbook.setSheetHidden(0, true);
			return Workbooks.write(workbook, file);
		}
	}

	private static Path hiddenFirstSheet(Path file) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			Workbooks.fill(workbook.createSheet("Old"), List.of(HEADER, row("old@example.com", null, null, "Y", null)));
			Workbooks.fill(workbook.createSheet("Current"),
					List.of(HEADER, row("op@example.com", null, null, "Y", null)));
			workbook.setSheetHidden(0, true);
			return Workbooks.write(workbook, file);
		}
	}

	/** A number and a date where emails belong: as displayed, they are not addresses. */
	private static Path numbersAndDates(Path file) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			XSSFSheet sheet = workbook.createSheet("Sheet1");
			Workbooks.fill(sheet, List.of(HEADER, row(12345, null, null, "Y", null), row(null, null, null, "Y", null)));
			var date = sheet.getRow(2).createCell(0);
			Calendar day = Calendar.getInstance();
			day.set(2026, Calendar.JANUARY, 2);
			date.setCellValue(day);
			var style = workbook.createCellStyle();
			style.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("m/d/yy"));
			date.setCellStyle(style);
			return Workbooks.write(workbook, file);
		}
	}

	/**
	 * The email and a tag value computed by formulas: their displayed (cached) values
	 * count.
	 */
	private static Path formulas(Path file) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			XSSFSheet sheet = workbook.createSheet("Sheet1");
			Workbooks.fill(sheet, List.of(HEADER, row(null, "Pa", null, null, null)));
			sheet.getRow(1).createCell(0).setCellFormula("LOWER(\"PA@EXAMPLE.COM\")");
			sheet.getRow(1).createCell(3).setCellFormula("\"Y\"");
			workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
			return Workbooks.write(workbook, file);
		}
	}

	/**
	 * A merged header cell and an email merged over two rows: the second row has no email
	 * of its own.
	 */
	private static Path merged(Path file) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			XSSFSheet sheet = workbook.createSheet("Sheet1");
			Workbooks.fill(sheet, List.of(List.of("Email Address", "Names", "", "Champion"),
					row("qu@example.com", "Qu", null, "Y"), row(null, "Ra", null, "Y")));
			sheet.addMergedRegion(new CellRangeAddress(0, 0, 1, 2));
			sheet.addMergedRegion(new CellRangeAddress(1, 2, 0, 0));
			return Workbooks.write(workbook, file);
		}
	}

	/**
	 * As wide as a sheet can be: the email, one tag, and 16 382 columns that are no tags.
	 */
	private static Path wide(Path file) throws IOException {
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(10)) {
			var sheet = workbook.createSheet("Sheet1");
			var header = sheet.createRow(0);
			var row = sheet.createRow(1);
			header.createCell(0).setCellValue("Email Address");
			row.createCell(0).setCellValue("sa@example.com");
			header.createCell(1).setCellValue("Champion");
			row.createCell(1).setCellValue("Y");
			for (int column = 2; column < 16_384; column++) {
				header.createCell(column).setCellValue("Column " + column);
				row.createCell(column).setCellValue("Y");
			}
			return write(workbook, file);
		}
	}

	/** A row at the top and one at the very last row a sheet can have, 1 048 576. */
	private static Path lastRow(Path file) throws IOException {
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(10)) {
			var sheet = workbook.createSheet("Sheet1");
			var header = sheet.createRow(0);
			header.createCell(0).setCellValue("Email Address");
			header.createCell(1).setCellValue("VIP");
			var first = sheet.createRow(1);
			first.createCell(0).setCellValue("ta@example.com");
			first.createCell(1).setCellValue("Y");
			var last = sheet.createRow(1_048_575);
			last.createCell(0).setCellValue("ub@example.com");
			last.createCell(1).setCellValue("Y");
			return write(workbook, file);
		}
	}

	private static Path write(SXSSFWorkbook workbook, Path file) throws IOException {
		try (OutputStream out = Files.newOutputStream(file)) {
			workbook.write(out);
		}
		return file;
	}

}
