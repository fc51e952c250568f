package com.kapta.mailchimp.workbook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading a sheet: where the header is, cells as displayed text, and one sentence for a
 * file that cannot be read.
 */
@Tag("fast")
class SheetReaderTests {

	private static final long LIMIT = 100_000_000;

	private static final List<Object> HEADER = List.of("Email Address", "First Name", "Last Name", "Champion");

	@TempDir
	Path dir;

	@Test
	void headerIsTheFirstRowWithAnEmailColumnAndCellsAreDisplayedText() throws Exception {
		Path file = this.dir.resolve("people.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			workbook.setSheetHidden(workbook.getSheetIndex(workbook.createSheet("Hidden")), true);
			var sheet = workbook.createSheet("Visible");
			Workbooks.fill(sheet,
					List.of(List.of("Our contacts, November"), List.of(),
							Arrays.asList(" e-MAIL ", "First  Name", "Last Name", "Mailchimp Status", "Champion", "",
									"VIP", "champion", "Score"),
							Arrays.asList(" ann@example.com ", "Ann", null, "subscribed", "y", null, " N ", "Y", 42),
							List.of(), Arrays.asList("bob@example.com", 1234, "Bob", null, true)));
			var formula = sheet.getRow(5).createCell(6);
			formula.setCellFormula("\"Y\"");
			workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
			Workbooks.write(workbook, file);
		}
		try (SheetReader sheet = SheetReader.open(file, LIMIT)) {
			assertThat(sheet.sheetName()).isEqualTo("Visible");
			SheetLayout layout = sheet.layout();
			assertThat(layout.headerRow()).isEqualTo(3);
			assertThat(layout.tagColumns()).containsExactly(Map.entry(4, "Champion"), Map.entry(6, "VIP"),
					Map.entry(8, "Score"));
			assertThat(layout.repeatedHeaders()).containsExactly("champion");
			assertThat(sheet.next()).isEqualTo(new SheetRow(4, "ann@example.com", "Ann", null,
					Map.of("Champion", "y", "VIP", "N", "Score", "42")));
			assertThat(sheet.next())
				.isEqualTo(new SheetRow(6, "bob@example.com", "1234", "Bob", Map.of("Champion", "TRUE", "VIP", "Y")));
			assertThat(sheet.next()).isNull();
		}
	}

	/**
	 * What other writers put in the XML: shared strings in rich text runs with phonetic
	 * guides, Excel's escapes of control characters, cells and rows without a reference,
	 * a date in a format of the workbook's own, an error, and a formula without a
	 * computed value.
	 */
	@Test
	void cellsReadFromTheXmlAsExcelShowsThem() throws Exception {
		Path made = Workbooks.xlsx(this.dir.resolve("made.xlsx"), List.of(List.of("Email Address"), List.of("x")));
		Path strings = Workbooks.withPart(made, this.dir.resolve("strings.xlsx"), "xl/sharedStrings.xml", """
				<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
				<si><t>Email Address</t></si>
				<si><r><rPr><b/></rPr><t>ann@</t></r><r><t xml:space="preserve">example.com </t></r>\
				<rPh sb="0" eb="1"><t>アン</t></rPh></si>
				<si><t>Line_x000D_Two</t></si></sst>""".getBytes(StandardCharsets.UTF_8));
		Path styles = Workbooks.withPart(strings, this.dir.resolve("styles.xlsx"), "xl/styles.xml", """
				<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
				<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>
				<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs>
				</styleSheet>""".getBytes(StandardCharsets.UTF_8));
		Path file = Workbooks.withPart(styles, this.dir.resolve("cells.xlsx"), "xl/worksheets/sheet1.xml", """
				<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
				<row r="1"><c t="s"><v>0</v></c><c t="inlineStr"><is><t>Note</t></is></c>\
				<c t="inlineStr"><is><t>When</t></is></c><c t="inlineStr"><is><t>Sum</t></is></c></row>
				<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="s"><v>2</v></c><c r="C3" s="1"><v>45992</v></c>\
				<c r="D3" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>
				<row><c r="A4" t="inlineStr"><is><t>bo@example.com</t></is></c><c r="D4"><f>A1+1</f></c></row>
				</sheetData></worksheet>""".getBytes(StandardCharsets.UTF_8));
		try (SheetReader sheet = SheetReader.open(file, LIMIT)) {
			assertThat(sheet.layout().tagColumns()).containsExactly(Map.entry(1, "Note"), Map.entry(2, "When"),
					Map.entry(3, "Sum"));
			assertThat(sheet.next()).isEqualTo(new SheetRow(3, "ann@example.com", null, null,
					Map.of("Note", "Line\rTwo", "When", "2025-12-01", "Sum", "#DIV/0!")));
			assertThat(sheet.next()).isEqualTo(new SheetRow(4, "bo@example.com", null, null, Map.of()));
			assertThat(sheet.next()).isNull();
		}
	}

	@Test
	void aFileThatIsNotAnXlsxGetsOneSentence() throws Exception {
		Path xlsx = Workbooks.xlsx(this.dir.resolve("ok.xlsx"),
				List.of(List.of("Email Address"), List.of("ann@example.com")));
		byte[] whole = Files.readAllBytes(xlsx);
		assertThat(reason(Files.write(this.dir.resolve("empty.xlsx"), new byte[0]))).isEqualTo("The file is empty.");
		assertThat(reason(Files.writeString(this.dir.resolve("csv.xlsx"), "Email Address\nann@example.com\n")))
			.isEqualTo("The file is not an xlsx workbook (it looks like text or CSV).");
		assertThat(reason(Workbooks.xls(this.dir.resolve("old.xls")))).contains("Excel 97-2003 workbook (.xls)");
		assertThat(reason(Workbooks.passwordProtected(this.dir.resolve("locked.xlsx")))).contains("password-protected");
		assertThat(reason(Files.write(this.dir.resolve("cut.xlsx"), Arrays.copyOf(whole, whole.length / 2))))
			.startsWith("The file is not a readable xlsx workbook (");
	}

	@Test
	void hostileContentIsRefusedBeforeItIsRead() throws Exception {
		Path xlsx = Workbooks.xlsx(this.dir.resolve("ok.xlsx"),
				List.of(List.of("Email Address"), List.of("ann@example.com")));
		Path bomb = Workbooks.withPart(xlsx, this.dir.resolve("bomb.xlsx"), "xl/worksheets/sheet1.xml",
				Workbooks.bombSheet(20_000_000));
		assertThat(reason(bomb)).contains("zip bomb");
		Path entities = Workbooks.withPart(xlsx, this.dir.resolve("xxe.xlsx"), "xl/worksheets/sheet1.xml",
				Workbooks.externalEntitySheet());
		assertThat(reason(entities)).contains("external entities");
		assertThatThrownBy(() -> SheetReader.open(xlsx, 10)).isInstanceOf(UnreadableFileException.class)
			.hasMessageContaining("shared strings");
	}

	@Test
	void aWorkbookWithoutAVisibleSheetOrAnEmailColumnCannotBeImported() throws Exception {
		Path noEmail = Workbooks.xlsx(this.dir.resolve("no-email.xlsx"),
				List.of(List.of("Name", "Champion"), List.of("Ann", "Y")));
		assertThat(reason(noEmail))
			.isEqualTo("Sheet 'Sheet1' has no header row with an email column (Email Address, Email or E-mail).");
		Path hidden = this.dir.resolve("hidden.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			workbook.createSheet("Only");
			workbook.setSheetHidden(0, true);
			Workbooks.write(workbook, hidden);
		}
		assertThat(reason(hidden)).isEqualTo("The workbook has no visible sheet.");
	}

	/**
	 * The corpus of hostile and odd files users drop, read by the reader alone: each is
	 * refused with its one sentence, or read into the rows Excel shows. (What the import
	 * job makes of them, its folders and report, is {@code HostileFilesTests}.)
	 */
	@TestFactory
	Stream<DynamicTest> hostileAndOddFiles() throws IOException {
		Path ok = Workbooks.xlsx(this.dir.resolve("ok.xlsx"), List.of(HEADER, row("ann@example.com", "Ann", "A", "Y")));
		byte[] whole = Files.readAllBytes(ok);
		return Stream.of(
				refused("text renamed to .xlsx", () -> Files.writeString(file("text"),
						"Dear team, the list is attached.\n"), "it looks like text or CSV"),
				refused("corrupt zip", () -> Files.write(file("corrupt"),
						Workbooks.corrupt(whole)), "not a readable xlsx workbook"),
				refused("zip without workbook parts", () -> Workbooks.zipOf(file("parts"), "hello.txt",
						"hi"), "not a readable xlsx workbook"),
				refused("sheet cut off after 5 500 rows",
						() -> Workbooks.withSheetCutAfterRow(xlsx("long",
								Stream
									.concat(Stream.of(HEADER),
											IntStream.range(0, 6_000)
												.mapToObj((i) -> row("p" + i + "@example.com", "P", "Q", "Y")))
									.toList()),
								file("cut-sheet"), 5_500),
						"is damaged after row 5500"),
				refused("a header cell in column ZZZZZZ",
						() -> Workbooks.withPart(ok, file("zzzzzz"), "xl/worksheets/sheet1.xml",
								Workbooks.inlineSheet(List.of(List.of("A1", "Email Address", "ZZZZZZ1", "Champion"),
										List.of("A2", "ann@example.com", "ZZZZZZ2", "Y")))),
						"beyond Excel's last column (XFD)"),
				refused("a row after 1 048 576", () -> Workbooks.withRowBeyondTheLast(ok, file("row-beyond")),
						"beyond Excel's last column (XFD) or row (1 048 576)"),
				refused("a 32 768-character cell",
						() -> Workbooks.withPart(ok, file("too-long-cell"), "xl/worksheets/sheet1.xml",
								Workbooks.inlineSheet(List.of(List.of("A1", "Email Address", "B1", "First Name"),
										List.of("A2", "mo@example.com", "B2", "x".repeat(32_768))))),
						"more than 32 767 characters"),
				refused("no rows at all", () -> xlsx("blank", List.of()), "has no header row with an email column"),
				read("title rows above the header",
						() -> xlsx("title",
								List.of(List.of("Our contacts"), List.of(), List.of("E-mail", "Champion"),
										row("bo@example.com", "Y"))),
						new SheetRow(4, "bo@example.com", null, null, Map.of("Champion", "Y"))),
				read("leading and trailing spaces",
						() -> xlsx("spaces", List.of(HEADER, row("  cy@example.com  ", " Cy ", null, " Y "))),
						new SheetRow(2, "cy@example.com", "Cy", null, Map.of("Champion", "Y"))),
				read("blank rows in the middle",
						() -> xlsx("gaps",
								List.of(HEADER, row("ha@example.com", null, null, "Y"), List.of(), List.of(),
										row("ib@example.com", null, null, "N"))),
						new SheetRow(2, "ha@example.com", null, null, Map.of("Champion", "Y")),
						new SheetRow(5, "ib@example.com", null, null, Map.of("Champion", "N"))),
				read("numbers and dates in the email column, as displayed",
						() -> Workbooks.numbersAndDates(file("numbers"), HEADER),
						new SheetRow(2, "12345", null, null, Map.of("Champion", "Y")),
						new SheetRow(3, "1/2/26", null, null, Map.of("Champion", "Y"))),
				read("formulas: their cached values", () -> Workbooks.formulas(file("formulas"), HEADER),
						new SheetRow(2, "pa@example.com", "Pa", null, Map.of("Champion", "Y"))),
				read("merged cells: the value in the first cell only", () -> Workbooks.merged(file("merged")),
						new SheetRow(2, "qu@example.com", null, null, Map.of("Names", "Qu", "Champion", "Y")),
						new SheetRow(3, "", null, null, Map.of("Names", "Ra", "Champion", "Y"))),
				read("a hidden first sheet: the first visible one is read",
						() -> Workbooks.hiddenFirstSheet(file("hidden-first"),
								List.of(HEADER, row("old@example.com", null, null, "Y")),
								List.of(HEADER, row("op@example.com", null, null, "Y"))),
						new SheetRow(2, "op@example.com", null, null, Map.of("Champion", "Y"))),
				read("unicode names and IDN emails",
						() -> xlsx("unicode",
								List.of(HEADER, row("名前@例え.jp", "Zoë", "Ünïcödé 名前", "Y"),
										row("li@bücher.de", null, null, "Y"))),
						new SheetRow(2, "名前@例え.jp", "Zoë", "Ünïcödé 名前", Map.of("Champion", "Y")),
						new SheetRow(3, "li@bücher.de", null, null, Map.of("Champion", "Y"))),
				read("a 32 767-character cell",
						() -> xlsx("long-cell", List.of(HEADER, row("mo@example.com", "x".repeat(32_767), null, "Y"))),
						new SheetRow(2, "mo@example.com", "x".repeat(32_767), null, Map.of("Champion", "Y"))),
				read("the last row of a sheet (1 048 576)", () -> Workbooks.tallest(file("tall")),
						new SheetRow(2, "ta@example.com", null, null, Map.of("VIP", "Y")),
						new SheetRow(1_048_576, "ub@example.com", null, null, Map.of("VIP", "Y"))),
				DynamicTest.dynamicTest("16 384 columns", () -> {
					try (SheetReader sheet = SheetReader.open(Workbooks.widest(file("wide")), LIMIT)) {
						assertThat(sheet.layout().tagColumns()).hasSize(16_383)
							.containsEntry(1, "Champion")
							.containsEntry(16_383, "Column 16383");
						SheetRow row = sheet.next();
						assertThat(row.email()).isEqualTo("sa@example.com");
						assertThat(row.tagCells()).hasSize(16_383).containsEntry("Champion", "Y");
						assertThat(sheet.next()).isNull();
					}
				}), read("an openpyxl-made workbook", () -> {
					Path copy = file("openpyxl");
					try (var in = getClass().getResourceAsStream("/com/kapta/mailchimp/importing/openpyxl-made.xlsx")) {
						Files.write(copy, in.readAllBytes());
					}
					return copy;
				}, new SheetRow(3, "ann@example.com", "Ann", null,
						Map.of("Admin User", "Y", "VIP", "y", "Champion", "N", "Score", "12.5")),
						new SheetRow(4, "bob@example.com", "42", null, Map.of("Admin User", "n", "VIP", "TRUE")),
						new SheetRow(5, "not an email", "Nobody", null, Map.of("Admin User", "Y"))));
	}

	private DynamicTest refused(String name, FileMaker maker, String reason) {
		return DynamicTest.dynamicTest(name, () -> assertThat(reason(maker.make())).contains(reason));
	}

	private DynamicTest read(String name, FileMaker maker, SheetRow... rows) {
		return DynamicTest.dynamicTest(name, () -> {
			List<SheetRow> read = new ArrayList<>();
			try (SheetReader sheet = SheetReader.open(maker.make(), LIMIT)) {
				for (SheetRow row = sheet.next(); row != null; row = sheet.next()) {
					read.add(row);
				}
			}
			assertThat(read).containsExactly(rows);
		});
	}

	@FunctionalInterface
	private interface FileMaker {

		Path make() throws Exception;

	}

	private Path file(String name) {
		return this.dir.resolve(name + ".xlsx");
	}

	private Path xlsx(String name, List<List<Object>> rows) {
		return Workbooks.xlsx(file(name), rows);
	}

	private static List<Object> row(Object... cells) {
		return Arrays.asList(cells);
	}

	private static String reason(Path file) {
		try (SheetReader sheet = SheetReader.open(file, LIMIT)) {
			List<SheetRow> rows = new ArrayList<>();
			for (SheetRow row = sheet.next(); row != null; row = sheet.next()) {
				rows.add(row);
			}
			throw new AssertionError(file + " was read: " + rows);
		}
		catch (UnreadableFileException ex) {
			assertThat(ex.getMessage()).doesNotContain("\n");
			return ex.getMessage();
		}
	}

}
