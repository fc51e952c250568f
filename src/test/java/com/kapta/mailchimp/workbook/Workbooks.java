package com.kapta.mailchimp.workbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Workbooks for import tests: ordinary ones built row by row, and the hostile files users
 * drop.
 */
public final class Workbooks {

	private Workbooks() {
	}

	/** An xlsx with one sheet of these rows (a cell of {@code null} stays empty). */
	public static Path xlsx(Path file, List<List<Object>> rows) {
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			fill(workbook.createSheet("Sheet1"), rows);
			return write(workbook, file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static void fill(XSSFSheet sheet, List<List<Object>> rows) {
		for (int r = 0; r < rows.size(); r++) {
			Row row = sheet.createRow(r);
			List<Object> values = rows.get(r);
			for (int c = 0; c < values.size(); c++) {
				Object value = values.get(c);
				if (value instanceof String text) {
					row.createCell(c).setCellValue(text);
				}
				else if (value instanceof Number number) {
					row.createCell(c).setCellValue(number.doubleValue());
				}
				else if (value instanceof Boolean bool) {
					row.createCell(c).setCellValue(bool);
				}
			}
		}
	}

	public static Path write(Workbook workbook, Path file) throws IOException {
		try (OutputStream out = Files.newOutputStream(file)) {
			workbook.write(out);
		}
		return file;
	}

	public static Path xls(Path file) throws IOException {
		try (HSSFWorkbook workbook = new HSSFWorkbook()) {
			workbook.createSheet("Sheet1").createRow(0).createCell(0).setCellValue("Email Address");
			return write(workbook, file);
		}
	}

	public static Path passwordProtected(Path file) throws Exception {
		ByteArrayOutputStream plain = new ByteArrayOutputStream();
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			workbook.createSheet("Sheet1").createRow(0).createCell(0).setCellValue("Email Address");
			workbook.write(plain);
		}
		try (POIFSFileSystem fs = new POIFSFileSystem()) {
			Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
			encryptor.confirmPassword("secret");
			try (OutputStream out = encryptor.getDataStream(fs)) {
				out.write(plain.toByteArray());
			}
			try (OutputStream out = Files.newOutputStream(file)) {
				fs.writeFilesystem(out);
			}
		}
		return file;
	}

	/** A copy of an xlsx with one part's content replaced. */
	public static Path withPart(Path source, Path file, String part, byte[] content) throws IOException {
		try (ZipFile zip = new ZipFile(source.toFile());
				ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
			for (ZipEntry entry : Collections.list(zip.entries())) {
				out.putNextEntry(new ZipEntry(entry.getName()));
				out.write(entry.getName().equals(part) ? content : zip.getInputStream(entry).readAllBytes());
				out.closeEntry();
			}
		}
		return file;
	}

	/**
	 * A copy of an xlsx whose first sheet's XML breaks off a few characters into the row
	 * after its {@code rows}-th (the archive itself stays valid): a file cut short while
	 * it was saved.
	 */
	public static Path withSheetCutAfterRow(Path source, Path file, int rows) throws IOException {
		String sheet;
		try (ZipFile zip = new ZipFile(source.toFile())) {
			sheet = new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(),
					StandardCharsets.UTF_8);
		}
		int end = 0;
		for (int i = 0; i < rows; i++) {
			end = sheet.indexOf("</row>", end) + "</row>".length();
		}
		return withPart(source, file, "xl/worksheets/sheet1.xml",
				sheet.substring(0, end + 12).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A sheet part of a header row and {@code padding} bytes of blanks: it expands a
	 * thousandfold.
	 */
	public static byte[] bombSheet(int padding) {
		String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
				+ "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
		byte[] blanks = " ".repeat(padding).getBytes(StandardCharsets.US_ASCII);
		byte[] tail = "</sheetData></worksheet>".getBytes(StandardCharsets.US_ASCII);
		byte[] all = new byte[head.length() + blanks.length + tail.length];
		System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, all, 0, head.length());
		System.arraycopy(blanks, 0, all, head.length(), blanks.length);
		System.arraycopy(tail, 0, all, head.length() + blanks.length, tail.length);
		return all;
	}

	/** A sheet part of these rows, each a list of (reference, inline text) pairs. */
	public static byte[] inlineSheet(List<List<String>> rows) {
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet"
				+ " xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
		for (int r = 0; r < rows.size(); r++) {
			xml.append("<row r=\"").append(r + 1).append("\">");
			List<String> cells = rows.get(r);
			for (int c = 0; c < cells.size(); c += 2) {
				xml.append("<c r=\"")
					.append(cells.get(c))
					.append("\" t=\"inlineStr\"><is><t>")
					.append(cells.get(c + 1))
					.append("</t></is></c>");
			}
			xml.append("</row>");
		}
		return xml.append("</sheetData></worksheet>").toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A copy of an xlsx whose shared strings unpack to {@code bytes} of varied text while
	 * the zip's directory says they are {@code declared} bytes: a size check that trusts
	 * the zip lets them through.
	 */
	public static Path withUnderstatedSharedStrings(Path source, Path file, int bytes, int declared)
			throws IOException {
		StringBuilder strings = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst"
				+ " xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
		var random = new Random(7);
		strings.append("<si><t>Email Address</t></si><si><t>Champion</t></si>");
		while (strings.length() < bytes) {
			strings.append("<si><t>").append(Long.toHexString(random.nextLong())).append("</t></si>");
		}
		strings.append("</sst>");
		withPart(source, file, "xl/sharedStrings.xml", strings.toString().getBytes(StandardCharsets.UTF_8));
		byte[] zip = Files.readAllBytes(file);
		byte[] name = "xl/sharedStrings.xml".getBytes(StandardCharsets.US_ASCII);
		var buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
		for (int at = 0; at + 46 < zip.length; at++) {
			// the central directory's entry for the part: its uncompressed size at +24
			if (buffer.getInt(at) == 0x02014b50 && buffer.getShort(at + 28) == name.length
					&& Arrays.equals(zip, at + 46, at + 46 + name.length, name, 0, name.length)) {
				buffer.putInt(at + 24, declared);
			}
		}
		Files.write(file, zip);
		return file;
	}

	/** A sheet part whose header cell is an external entity reading a local file. */
	public static byte[] externalEntitySheet() {
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
				<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
				<row r="1"><c r="A1" t="inlineStr"><is><t>Email Address</t></is></c></row>
				<row r="2"><c r="A2" t="inlineStr"><is><t>&secret;</t></is></c></row>
				</sheetData></worksheet>""".strip().getBytes(StandardCharsets.UTF_8);
	}

	/** The rows of a run report's Details sheet, as displayed. */
	public static List<List<String>> details(Path report) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(report.toFile())) {
			Sheet sheet = workbook.getSheet("Details");
			List<List<String>> rows = new ArrayList<>();
			var formatter = new DataFormatter();
			for (Row row : sheet) {
				List<String> cells = new ArrayList<>();
				row.forEach((cell) -> cells.add(formatter.formatCellValue(cell)));
				rows.add(cells);
			}
			return rows;
		}
		catch (InvalidFormatException ex) {
			throw new IOException(ex);
		}
	}

	/** The zip's central directory overwritten: the archive cannot be opened. */
	public static byte[] corrupt(byte[] whole) {
		byte[] bytes = whole.clone();
		for (int i = bytes.length - 200; i < bytes.length; i++) {
			bytes[i] = 0x55;
		}
		return bytes;
	}

	/** A zip of one entry: an archive, but no workbook. */
	public static Path zipOf(Path file, String entry, String content) throws IOException {
		try (var out = new ZipOutputStream(Files.newOutputStream(file))) {
			out.putNextEntry(new ZipEntry(entry));
			out.write(content.getBytes(StandardCharsets.UTF_8));
			out.closeEntry();
		}
		return file;
	}

	/** The workbook with a sheet whose second row is numbered past Excel's last. */
	public static Path withRowBeyondTheLast(Path source, Path file) throws IOException {
		String sheet = new String(inlineSheet(List.of(List.of("A1", "Email Address"), List.of("A2", "x"))),
				StandardCharsets.UTF_8)
			.replace("<row r=\"2\">", "<row r=\"1048577\">")
			.replace("r=\"A2\"", "r=\"A1048577\"");
		return withPart(source, file, "xl/worksheets/sheet1.xml", sheet.getBytes(StandardCharsets.UTF_8));
	}

	/** A workbook whose only sheet, of these rows, is hidden. */
	public static Path onlyHiddenSheet(Path file, List<List<Object>> rows) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			fill(workbook.createSheet("Only"), rows);
			workbook.setSheetHidden(0, true);
			return write(workbook, file);
		}
	}

	/** A hidden sheet "Old", then the visible "Current". */
	public static Path hiddenFirstSheet(Path file, List<List<Object>> old, List<List<Object>> current)
			throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			fill(workbook.createSheet("Old"), old);
			fill(workbook.createSheet("Current"), current);
			workbook.setSheetHidden(0, true);
			return write(workbook, file);
		}
	}

	/**
	 * A number (12345) and a date (2 January 2026, shown m/d/yy) where the emails of rows
	 * 2 and 3 belong, under this header, with {@code Y} in its fourth column.
	 */
	public static Path numbersAndDates(Path file, List<Object> header) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			XSSFSheet sheet = workbook.createSheet("Sheet1");
			fill(sheet, List.of(header, Arrays.asList(12345, null, null, "Y"), Arrays.asList(null, null, null, "Y")));
			var date = sheet.getRow(2).createCell(0);
			Calendar day = Calendar.getInstance();
			day.set(2026, Calendar.JANUARY, 2);
			date.setCellValue(day);
			var style = workbook.createCellStyle();
			style.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("m/d/yy"));
			date.setCellStyle(style);
			return write(workbook, file);
		}
	}

	/**
	 * Under this header, row 2's email ({@code pa@example.com}) and fourth column
	 * ({@code Y}) computed by formulas, their values cached as Excel saves them; its
	 * second column {@code Pa}.
	 */
	public static Path formulas(Path file, List<Object> header) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			XSSFSheet sheet = workbook.createSheet("Sheet1");
			fill(sheet, List.of(header, Arrays.asList(null, "Pa")));
			sheet.getRow(1).createCell(0).setCellFormula("LOWER(\"PA@EXAMPLE.COM\")");
			sheet.getRow(1).createCell(3).setCellFormula("\"Y\"");
			workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
			return write(workbook, file);
		}
	}

	/**
	 * A header cell "Names" merged over two columns, and qu@example.com merged over rows
	 * 2 and 3: row 3 has no email of its own.
	 */
	public static Path merged(Path file) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			XSSFSheet sheet = workbook.createSheet("Sheet1");
			fill(sheet, List.of(List.of("Email Address", "Names", "", "Champion"),
					Arrays.asList("qu@example.com", "Qu", null, "Y"), Arrays.asList(null, "Ra", null, "Y")));
			sheet.addMergedRegion(new CellRangeAddress(0, 0, 1, 2));
			sheet.addMergedRegion(new CellRangeAddress(1, 2, 0, 0));
			return write(workbook, file);
		}
	}

	/**
	 * As wide as a sheet can be: the email (sa@example.com), Champion ({@code Y}), and 16
	 * 382 columns "Column 2" … "Column 16383" that are no tags, each {@code Y}.
	 */
	public static Path widest(Path file) throws IOException {
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

	/**
	 * Email Address and VIP; ta@example.com on row 2 and ub@example.com on the very last
	 * row a sheet can have, 1 048 576, both {@code Y}.
	 */
	public static Path tallest(Path file) throws IOException {
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

}
