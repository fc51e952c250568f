package com.kapta.mailchimp.workbook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jspecify.annotations.Nullable;

import com.kapta.mailchimp.FileModes;

/**
 * The one way Kapta writes a workbook (the export, a run's report, the activity):
 * streamed (SXSSF keeps 100 rows of a sheet in memory, so a million rows need no more
 * heap than ten), each sheet's header bold and frozen, and every value a text cell unless
 * it is a number, so a user's {@code =SUM(A1)} stays text. A sheet that is full (Excel's
 * 1 048 576 rows) counts what it leaves out instead of failing the run.
 */
public final class WorkbookWriter implements AutoCloseable {

	/** POI's unit of a column's width: a 256th of a character. */
	private static final int CHARACTER = 256;

	private final SXSSFWorkbook workbook = new SXSSFWorkbook(100);

	private final CellStyle bold;

	public WorkbookWriter() {
		this.bold = this.workbook.createCellStyle();
		Font font = this.workbook.createFont();
		font.setBold(true);
		this.bold.setFont(font);
	}

	/**
	 * A column: its header and its width in characters.
	 *
	 * @param header the first row's words, or {@code null} for a sheet without a header
	 * @param width the width in characters
	 */
	public record Column(@Nullable String header, int width) {

		/** A column without a header, e.g. a summary's label and value. */
		public static Column unnamed(int width) {
			return new Column(null, width);
		}

	}

	/**
	 * A new sheet with these columns; when they have headers, the first row holds them,
	 * bold, and stays in view while scrolling.
	 */
	public Sheet sheet(String name, List<Column> columns) {
		SXSSFSheet sheet = this.workbook.createSheet(name);
		boolean headed = columns.stream().anyMatch((column) -> column.header() != null);
		if (headed) {
			Row header = sheet.createRow(0);
			for (int i = 0; i < columns.size(); i++) {
				var cell = header.createCell(i);
				cell.setCellValue((columns.get(i).header() != null) ? columns.get(i).header() : "");
				cell.setCellStyle(this.bold);
			}
			sheet.createFreezePane(0, 1);
		}
		for (int i = 0; i < columns.size(); i++) {
			sheet.setColumnWidth(i, columns.get(i).width() * CHARACTER);
		}
		return new Sheet(sheet, columns.size(), headed ? 1 : 0);
	}

	/** Writes the workbook to a stream (an HTTP answer); the stream stays open. */
	public void write(OutputStream out) throws IOException {
		this.workbook.write(out);
	}

	/**
	 * Writes the workbook to a temporary file beside the target and renames it, so a file
	 * by the target's name is complete; readable by the jobs folder's owner and group.
	 */
	public void write(Path target) throws IOException {
		Path tmp = temporaryFile(target);
		try {
			Files.deleteIfExists(tmp);
			try (OutputStream out = Files.newOutputStream(FileModes.createShared(tmp))) {
				this.workbook.write(out);
			}
			Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			// left only when writing failed
			Files.deleteIfExists(tmp);
		}
	}

	/**
	 * Where {@link #write(Path)} writes before the rename: a hidden name beside the
	 * target, which a run killed mid-write leaves behind.
	 */
	public static Path temporaryFile(Path target) {
		return target.toAbsolutePath().resolveSibling("." + target.getFileName() + ".tmp");
	}

	/** Removes SXSSF's own temporary files. */
	@Override
	public void close() throws IOException {
		this.workbook.close();
	}

	/** A sheet being written, a row after another. */
	public static final class Sheet {

		private static final int LAST_ROW = SpreadsheetVersion.EXCEL2007.getLastRowIndex();

		private final SXSSFSheet sheet;

		private final int columns;

		private final int firstRow;

		private int next;

		private long leftOut;

		private Sheet(SXSSFSheet sheet, int columns, int firstRow) {
			this.sheet = sheet;
			this.columns = columns;
			this.firstRow = firstRow;
			this.next = firstRow;
		}

		/**
		 * Adds a row: a {@link Number} becomes a number cell, {@code null} an empty cell,
		 * anything else its text. Returns {@code false}, and counts the row as left out,
		 * when the sheet is full.
		 */
		public boolean add(List<?> values) {
			if (this.next > LAST_ROW) {
				this.leftOut++;
				return false;
			}
			Row row = this.sheet.createRow(this.next++);
			for (int i = 0; i < values.size(); i++) {
				Object value = values.get(i);
				if (value instanceof Number number) {
					row.createCell(i).setCellValue(number.doubleValue());
				}
				else if (value != null) {
					row.createCell(i).setCellValue(value.toString());
				}
			}
			return true;
		}

		/** Adds a row of these values (see {@link #add(List)}). */
		public boolean add(Object... values) {
			return add(Arrays.asList(values));
		}

		/** The rows written under the header. */
		public int rows() {
			return this.next - this.firstRow;
		}

		/** The rows that did not fit. */
		public long leftOut() {
			return this.leftOut;
		}

		/**
		 * Lets Excel filter and sort by every column, over the rows written so far: call
		 * it after the last row.
		 */
		public void filter() {
			this.sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, this.next - 1), 0, this.columns - 1));
		}

	}

}
