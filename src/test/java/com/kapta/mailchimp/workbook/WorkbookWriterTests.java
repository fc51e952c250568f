package com.kapta.mailchimp.workbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kapta.mailchimp.workbook.WorkbookWriter.Column;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one workbook writer of the export, the reports and the activity: what a user
 * opening its files in Excel sees, and what a failed or overfull write leaves.
 */
@Tag("fast")
class WorkbookWriterTests {

	@TempDir
	Path dir;

	@Test
	void aHeadedSheetOfTextAndNumbersThatFormulasCannotEnter() throws IOException {
		Path file = this.dir.resolve("people.xlsx");
		try (WorkbookWriter writer = new WorkbookWriter()) {
			WorkbookWriter.Sheet summary = writer.sheet("Summary", List.of(Column.unnamed(30), Column.unnamed(60)));
			summary.add("Rows read", "2");
			WorkbookWriter.Sheet people = writer.sheet("People",
					List.of(new Column("Email Address", 36), new Column("First Name", 18), new Column("Row", 8)));
			assertThat(people.add("ann@example.com", "=SUM(A1)", 2)).isTrue();
			assertThat(people.add(List.of("bob@example.com"))).isTrue();
			people.add("cy@example.com", null, 4);
			people.filter();
			writer.write(file);
			assertThat(people.rows()).isEqualTo(3);
			assertThat(summary.rows()).isEqualTo(1);
		}
		assertThat(Files.list(this.dir)).containsExactly(file);
		if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
			assertThat(Files.getPosixFilePermissions(file)).doesNotContain(PosixFilePermission.OTHERS_READ);
		}
		try (XSSFWorkbook workbook = new XSSFWorkbook(file.toFile())) {
			assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("Summary");
			assertThat(workbook.getSheet("Summary").getRow(0).getCell(0).getStringCellValue()).isEqualTo("Rows read");
			XSSFSheet people = workbook.getSheet("People");
			assertThat(people.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Email Address");
			assertThat(workbook.getFontAt(people.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold())
				.isTrue();
			assertThat(people.getPaneInformation().isFreezePane()).isTrue();
			assertThat(people.getColumnWidth(0)).isEqualTo(36 * 256);
			assertThat(people.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:C4");
			var formulaLike = people.getRow(1).getCell(1);
			assertThat(formulaLike.getCellType()).isEqualTo(CellType.STRING);
			assertThat(formulaLike.getStringCellValue()).isEqualTo("=SUM(A1)");
			assertThat(people.getRow(1).getCell(2).getNumericCellValue()).isEqualTo(2);
			assertThat(people.getRow(2).getLastCellNum()).isEqualTo((short) 1);
			assertThat(people.getRow(3).getCell(1)).isNull();
		}
		catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException ex) {
			throw new IOException(ex);
		}
	}

	@Test
	void aFailedWriteLeavesNoFileAndNoHalfWrittenOne() throws IOException {
		Path folder = Files.createDirectory(this.dir.resolve("reports"));
		Path target = folder.resolve("report.xlsx");
		Files.createDirectory(target); // the rename cannot replace a folder
		try (WorkbookWriter writer = new WorkbookWriter()) {
			writer.sheet("Details", List.of(new Column("Email", 40))).add("ann@example.com");
			assertThatThrownBy(() -> writer.write(target)).isInstanceOf(IOException.class);
		}
		assertThat(Files.list(folder)).containsExactly(target);
		assertThat(WorkbookWriter.temporaryFile(target)).doesNotExist();
	}

	@Test
	void aFullSheetCountsWhatItLeavesOutInsteadOfFailing() throws IOException {
		int last = SpreadsheetVersion.EXCEL2007.getLastRowIndex();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (WorkbookWriter writer = new WorkbookWriter()) {
			WorkbookWriter.Sheet sheet = writer.sheet("Activity", List.of(new Column(ContactColumns.EMAIL, 10)));
			for (int i = 1; i < last; i++) {
				sheet.add("a");
			}
			assertThat(sheet.add("the last row")).isTrue();
			assertThat(sheet.add("one more")).isFalse();
			assertThat(sheet.add("and another")).isFalse();
			assertThat(sheet.rows()).isEqualTo(last);
			assertThat(sheet.leftOut()).isEqualTo(2);
			writer.write(out);
		}
		try (SheetReader reader = SheetReader.open(write(out), 100_000_000)) {
			SheetRow row = reader.next();
			int rows = 0;
			SheetRow lastRow = null;
			for (; row != null; row = reader.next()) {
				rows++;
				lastRow = row;
			}
			assertThat(rows).isEqualTo(last);
			assertThat(lastRow.sheetRow()).isEqualTo(last + 1);
			assertThat(lastRow.email()).isEqualTo("the last row");
		}
	}

	private Path write(ByteArrayOutputStream out) throws IOException {
		Path file = this.dir.resolve("full.xlsx");
		Files.copy(new ByteArrayInputStream(out.toByteArray()), file);
		return file;
	}

}
