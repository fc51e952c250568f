package com.kapta.mailchimp.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jspecify.annotations.Nullable;

import com.kapta.mailchimp.FileModes;
import com.kapta.mailchimp.KaptaJob;
import com.kapta.mailchimp.contact.Contact;
import com.kapta.mailchimp.contact.ContactHistory;
import com.kapta.mailchimp.workbook.ContactColumns;

/**
 * The Mailchimp Contacts and Tags workbook, streamed (SXSSF keeps 100 rows in memory):
 * contact columns, then one {@code Y}/{@code N} column per audience tag. Every value is a
 * text cell, so a name such as {@code =SUM(A1)} stays text. Written to a temporary file
 * beside the target and renamed when complete.
 */
class ContactWorkbook implements AutoCloseable {

	static final String SHEET = "Mailchimp Contacts and Tags";

	/** How a default export file's name begins. */
	static final String DEFAULT_PREFIX = "mailchimp-contacts-and-tags-";

	static final String HISTORY_SHEET = "History";

	static final List<String> HISTORY_COLUMNS = List.of(ContactColumns.EMAIL, "When (UTC)", "What", "By", "Why");

	static final List<String> CONTACT_COLUMNS = ContactColumns.CONTACT;

	private final Path target;

	private final Path tmp;

	private final List<String> tags;

	private final SXSSFWorkbook workbook = new SXSSFWorkbook(100);

	private final SXSSFSheet sheet;

	private final Set<String> kaptaOnlyTags = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

	private int rows = 1;

	/** The History sheet, made with its first row. */
	private @Nullable SXSSFSheet history;

	private int historyRows = 1;

	private long historyLeftOut;

	ContactWorkbook(Path target, List<String> tags) {
		this.target = target;
		this.tmp = temporaryFile(target);
		this.tags = tags;
		this.sheet = this.workbook.createSheet(SHEET);
		CellStyle bold = this.workbook.createCellStyle();
		Font font = this.workbook.createFont();
		font.setBold(true);
		bold.setFont(font);
		Row header = this.sheet.createRow(0);
		int column = 0;
		for (String name : CONTACT_COLUMNS) {
			header.createCell(column++).setCellValue(name);
		}
		for (String tag : tags) {
			header.createCell(column++).setCellValue(tag);
		}
		header.forEach((cell) -> cell.setCellStyle(bold));
		this.sheet.createFreezePane(0, 1);
		this.sheet.setColumnWidth(0, 36 * 256);
		this.sheet.setColumnWidth(1, 18 * 256);
		this.sheet.setColumnWidth(2, 18 * 256);
		this.sheet.setColumnWidth(3, 18 * 256);
		for (int i = 0; i < tags.size(); i++) {
			this.sheet.setColumnWidth(CONTACT_COLUMNS.size() + i,
					Math.min(40, Math.max(8, tags.get(i).length() + 3)) * 256);
		}
	}

	void add(Contact contact) {
		Row row = this.sheet.createRow(this.rows++);
		row.createCell(0).setCellValue(contact.email());
		row.createCell(1).setCellValue(orEmpty(contact.firstName()));
		row.createCell(2).setCellValue(orEmpty(contact.lastName()));
		row.createCell(3)
			.setCellValue(contact.mailchimpStatus() != null ? contact.mailchimpStatus() : "not on Mailchimp");
		Set<String> has = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		has.addAll(contact.tags());
		for (int i = 0; i < this.tags.size(); i++) {
			row.createCell(CONTACT_COLUMNS.size() + i).setCellValue(ContactColumns.cell(has.remove(this.tags.get(i))));
		}
		this.kaptaOnlyTags.addAll(has);
	}

	/**
	 * A row of the History sheet: one change of an exported contact. Past the most rows a
	 * sheet holds, the rest is counted, not written (the summary says so).
	 */
	void addHistory(ContactHistory.Row change) {
		if (this.history == null) {
			this.history = this.workbook.createSheet(HISTORY_SHEET);
			Row header = this.history.createRow(0);
			for (int i = 0; i < HISTORY_COLUMNS.size(); i++) {
				header.createCell(i).setCellValue(HISTORY_COLUMNS.get(i));
			}
			this.history.createFreezePane(0, 1);
			this.history.setColumnWidth(0, 36 * 256);
			this.history.setColumnWidth(1, 22 * 256);
			this.history.setColumnWidth(2, 36 * 256);
			this.history.setColumnWidth(3, 30 * 256);
			this.history.setColumnWidth(4, 30 * 256);
		}
		if (this.historyRows > SpreadsheetVersion.EXCEL2007.getLastRowIndex()) {
			this.historyLeftOut++;
			return;
		}
		ContactHistory.Entry entry = change.entry();
		Row row = this.history.createRow(this.historyRows++);
		row.createCell(0).setCellValue(change.email());
		row.createCell(1).setCellValue(entry.at().toString());
		row.createCell(2).setCellValue(entry.what());
		row.createCell(3).setCellValue(entry.by(KaptaJob::labelOf));
		row.createCell(4).setCellValue(orEmpty(entry.reason()));
	}

	/** What the History sheet holds, for the run's summary. */
	String historyWords() {
		return (this.historyRows - 1) + " changes" + ((this.historyLeftOut > 0)
				? "; " + this.historyLeftOut + " older ones left out (more than a sheet holds): see each contact's page"
				: "");
	}

	/**
	 * Writes the workbook and renames it to its final name; returns how many contacts it
	 * holds.
	 */
	int finish() throws IOException {
		int last = CONTACT_COLUMNS.size() + this.tags.size() - 1;
		this.sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, this.rows - 1), 0, last));
		Files.deleteIfExists(this.tmp);
		try (OutputStream out = Files.newOutputStream(FileModes.createShared(this.tmp))) {
			this.workbook.write(out);
		}
		Files.move(this.tmp, this.target, StandardCopyOption.ATOMIC_MOVE);
		return this.rows - 1;
	}

	/**
	 * Removes what an export killed mid-write left in the target's folder (a kill leaves
	 * no time to clean up): the target's own temporary file and those of default-named
	 * exports. Only one export runs at a time.
	 */
	static void removeLeftovers(Path target) throws IOException {
		Files.deleteIfExists(temporaryFile(target));
		try (var leftovers = Files.newDirectoryStream(target.getParent(), "." + DEFAULT_PREFIX + "*.xlsx.tmp")) {
			for (Path leftover : leftovers) {
				Files.deleteIfExists(leftover);
			}
		}
	}

	private static Path temporaryFile(Path target) {
		return target.resolveSibling("." + target.getFileName() + ".tmp");
	}

	/**
	 * Kapta tags the audience does not define: no column, as an import would ignore them.
	 */
	Set<String> kaptaOnlyTags() {
		return this.kaptaOnlyTags;
	}

	@Override
	public void close() throws IOException {
		// there only if the export failed before the rename
		this.workbook.close(); // also removes SXSSF's own temporary files
		Files.deleteIfExists(this.tmp);
	}

	private static String orEmpty(String value) {
		return value != null ? value : "";
	}

}
