package com.kapta.mailchimp.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.github.pjfanning.xlsx.StreamingReader;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.jspecify.annotations.Nullable;

import com.kapta.mailchimp.Causes;

/**
 * An xlsx file opened for the import: its first visible sheet, the layout its header row
 * gives, then its data rows one at a time as displayed text. Streamed (StAX over the
 * zip), so the heap does not grow with the rows; the shared strings, which are held in
 * memory, are refused above a size. Anything that keeps the file from being read ends in
 * an {@link UnreadableFileException} with one sentence saying why.
 */
final class ImportSheet implements AutoCloseable {

	private static final String SHARED_STRINGS = "xl/sharedStrings.xml";

	/** Why a workbook with a DTD or entities is refused. */
	static final String DOCUMENT_TYPE = "The workbook contains XML with a document type or external entities, "
			+ "which the import refuses.";

	private final Workbook workbook;

	private final Sheet sheet;

	private final Iterator<Row> rows;

	private final SheetLayout layout;

	private final String sheetName;

	/** Formats cells as Excel displays them; a formula shows its last computed value. */
	private final DataFormatter formatter = new DataFormatter();

	private ImportSheet(Path file, long maxSharedStringsBytes) {
		this.formatter.setUseCachedValuesForFormulaCells(true);
		refuseNonXlsx(file, maxSharedStringsBytes);
		try {
			this.workbook = StreamingReader.builder()
				.rowCacheSize(200)
				.bufferSize(64 * 1024)
				.setReadComments(false)
				.setReadHyperlinks(false)
				.setReadShapes(false)
				.open(file.toFile());
		}
		catch (RuntimeException ex) {
			throw unreadable(ex);
		}
		try {
			this.sheet = firstVisibleSheet();
			this.sheetName = this.sheet.getSheetName();
			this.rows = this.sheet.rowIterator();
			this.layout = findHeader();
		}
		catch (RuntimeException ex) {
			close();
			throw (ex instanceof UnreadableFileException) ? ex : unreadable(ex);
		}
	}

	/**
	 * Opens the file and reads up to its header row.
	 * @param maxSharedStringsBytes the largest shared-strings part accepted (it is read
	 * into memory)
	 */
	static ImportSheet open(Path file, long maxSharedStringsBytes) {
		return new ImportSheet(file, maxSharedStringsBytes);
	}

	SheetLayout layout() {
		return this.layout;
	}

	String sheetName() {
		return this.sheetName;
	}

	/**
	 * How many rows follow the header row, as the sheet's own dimension says (0 when it
	 * does not say).
	 */
	int rowsAfterHeader() {
		return Math.max(0, this.sheet.getLastRowNum() + 1 - this.layout.headerRow());
	}

	/**
	 * Unpacks every part of the file without parsing it: a truncated or damaged archive,
	 * or one that expands far beyond its size (POI's zip-bomb guard), is refused here,
	 * quickly (no XML is parsed), and so before any row is applied.
	 */
	static void checkArchive(Path file) {
		try (ZipSecureFile zip = new ZipSecureFile(file.toFile())) {
			for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
				try (InputStream in = zip.getInputStream(entry)) {
					in.transferTo(OutputStream.nullOutputStream());
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			throw unreadable(ex);
		}
	}

	/** The next row with anything in it; none after the last. */
	@Nullable ImportRow next() {
		try {
			while (this.rows.hasNext()) {
				Row row = this.rows.next();
				Map<Integer, String> cells = cells(row);
				if (!cells.isEmpty()) {
					return this.layout.row(row.getRowNum() + 1, cells);
				}
			}
			return null;
		}
		catch (RuntimeException ex) {
			throw unreadable(ex);
		}
	}

	private Sheet firstVisibleSheet() {
		for (int i = 0; i < this.workbook.getNumberOfSheets(); i++) {
			if (!this.workbook.isSheetHidden(i) && !this.workbook.isSheetVeryHidden(i)) {
				return this.workbook.getSheetAt(i);
			}
		}
		throw new UnreadableFileException("The workbook has no visible sheet.");
	}

	private SheetLayout findHeader() {
		while (this.rows.hasNext()) {
			Row row = this.rows.next();
			SheetLayout found = SheetLayout.of(row.getRowNum() + 1, cells(row));
			if (found != null) {
				return found;
			}
		}
		throw new UnreadableFileException("Sheet '" + this.sheetName
				+ "' has no header row with an email column (Email Address, Email or E-mail).");
	}

	private Map<Integer, String> cells(Row row) {
		Map<Integer, String> cells = new TreeMap<>();
		for (Cell cell : row) {
			// text as it is (the common case, and much cheaper than formatting); anything
			// else as displayed
			String text = ((cell.getCellType() == CellType.STRING) ? cell.getStringCellValue()
					: this.formatter.formatCellValue(cell))
				.strip();
			if (!text.isEmpty()) {
				cells.put(cell.getColumnIndex(), text);
			}
		}
		return cells;
	}

	/**
	 * Tells the usual wrong files apart before a zip reader sees them, so each gets its
	 * own sentence.
	 */
	private static void refuseNonXlsx(Path file, long maxSharedStringsBytes) {
		try {
			if (Files.size(file) == 0) {
				throw new UnreadableFileException("The file is empty.");
			}
			FileMagic magic;
			try (InputStream in = FileMagic.prepareToCheckMagic(Files.newInputStream(file))) {
				magic = FileMagic.valueOf(in);
			}
			if (magic == FileMagic.OLE2) {
				throw new UnreadableFileException(encrypted(file)
						? "The workbook is password-protected; save it again without a password."
						: "The file is an Excel 97-2003 workbook (.xls); save it as an Excel Workbook (.xlsx).");
			}
			if (magic != FileMagic.OOXML) {
				throw new UnreadableFileException("The file is not an xlsx workbook (it looks like "
						+ (magic == FileMagic.UNKNOWN ? "text or CSV" : magic.name().toLowerCase()) + ").");
			}
			try (ZipFile zip = new ZipFile(file.toFile())) {
				ZipEntry strings = zip.getEntry(SHARED_STRINGS);
				if (strings != null && (strings.getSize() < 0 || strings.getSize() > maxSharedStringsBytes)) {
					throw new UnreadableFileException("The workbook's shared strings are "
							+ megabytes(strings.getSize()) + " when unpacked, more than the "
							+ megabytes(maxSharedStringsBytes) + " the import accepts.");
				}
			}
		}
		catch (IOException ex) {
			throw new UnreadableFileException("The file is not a readable xlsx workbook (" + ex.getMessage() + ").",
					ex);
		}
	}

	private static boolean encrypted(Path file) throws IOException {
		try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
			return fs.getRoot().hasEntry("EncryptionInfo");
		}
	}

	private static String megabytes(long bytes) {
		return (bytes < 0) ? "of unknown size" : String.format("%.0f MB", bytes / 1_000_000.0);
	}

	/** One sentence for whatever POI or the zip reader threw. */
	static UnreadableFileException unreadable(Throwable ex) {
		for (Throwable cause : Causes.chain(ex).toList()) {
			String message = String.valueOf(cause.getMessage());
			if (message.contains("Zip bomb")) {
				return new UnreadableFileException(
						"The workbook expands far more than its size (a zip bomb?); it was not read.", ex);
			}
			// "…must start and end within the same entity" is XML cut short, not an
			// entity
			if (message.contains("DOCTYPE") || message.contains("DTD")
					|| (message.toLowerCase().contains("entity") && !message.contains("within the same entity"))) {
				return new UnreadableFileException(DOCUMENT_TYPE, ex);
			}
		}
		return new UnreadableFileException(
				"The file is not a readable xlsx workbook (" + Causes.root(ex).getMessage() + ").", ex);
	}

	@Override
	public void close() {
		try {
			this.workbook.close();
		}
		catch (IOException | RuntimeException ex) {
			// closing a read-only zip: nothing was written, nothing to lose
		}
	}

}
