package com.kapta.mailchimp.workbook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLStreamException;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.jspecify.annotations.Nullable;

import com.kapta.mailchimp.Causes;

/**
 * An xlsx file opened for the import: its first visible sheet, the layout its header row
 * gives, then its data rows one at a time as displayed text. Streamed (a StAX cursor over
 * the zip), so the heap does not grow with the rows; the shared strings, which are held
 * in memory, are refused above a size. Anything that keeps the file from being read ends
 * in an {@link UnreadableFileException} with one sentence saying why.
 */
public final class SheetReader implements AutoCloseable {

	private static final String SHARED_STRINGS = "xl/sharedStrings.xml";

	/** Why a workbook with a DTD or entities is refused. */
	static final String DOCUMENT_TYPE = "The workbook contains XML with a document type or external entities, "
			+ "which the import refuses.";

	private final Path file;

	private final WorkbookParts parts;

	private final String sheetName;

	private final String sheetPart;

	private final SheetXml rows;

	private final SheetLayout layout;

	private SheetReader(Path file, long maxSharedStringsBytes) {
		refuseNonXlsx(file, maxSharedStringsBytes);
		this.file = file;
		try {
			this.parts = WorkbookParts.open(file, maxSharedStringsBytes);
		}
		catch (IOException | OpenXML4JException | XMLStreamException | RuntimeException ex) {
			throw (ex instanceof UnreadableFileException unreadable) ? unreadable : unreadable(ex);
		}
		try {
			WorkbookParts.SheetRef sheet = this.parts.sheets()
				.stream()
				.filter(WorkbookParts.SheetRef::visible)
				.findFirst()
				.orElseThrow(() -> new UnreadableFileException("The workbook has no visible sheet."));
			this.sheetName = sheet.name();
			PackagePart part = this.parts.sheet(sheet);
			this.sheetPart = part.getPartName().getName().substring(1);
			this.rows = new SheetXml(part.getInputStream(), this.parts);
			this.layout = findHeader();
		}
		catch (IOException | OpenXML4JException | XMLStreamException | RuntimeException ex) {
			close();
			throw (ex instanceof UnreadableFileException unreadable) ? unreadable : unreadable(ex);
		}
	}

	/**
	 * Opens the file and reads up to its header row.
	 * @param maxSharedStringsBytes the largest shared-strings part accepted (it is read
	 * into memory)
	 */
	public static SheetReader open(Path file, long maxSharedStringsBytes) {
		return new SheetReader(file, maxSharedStringsBytes);
	}

	public SheetLayout layout() {
		return this.layout;
	}

	public String sheetName() {
		return this.sheetName;
	}

	/**
	 * Unpacks every part of the file but the sheet without parsing it: a truncated or
	 * damaged archive, or one that expands far beyond its size (POI's zip-bomb guard), is
	 * refused here, quickly, and so before any row is applied. The sheet is unpacked
	 * through the same guard as it is read ({@link #countToEnd}).
	 */
	public void checkArchive() {
		try (ZipSecureFile zip = new ZipSecureFile(this.file.toFile())) {
			for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
				if (!entry.getName().equals(this.sheetPart)) {
					try (InputStream in = zip.getInputStream(entry)) {
						in.transferTo(OutputStream.nullOutputStream());
					}
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			throw unreadable(ex);
		}
	}

	/**
	 * Reads the sheet to its end, counting the rows after the header with anything in
	 * them: a sheet whose XML breaks off in the middle (a file cut short while it was
	 * saved or copied, but still a valid archive) is refused whole, saying after which
	 * row, instead of being applied up to the break.
	 */
	public int countToEnd() {
		boolean[] shows = new boolean[1];
		SheetXml.Cells any = (column, text) -> shows[0] = true;
		int rows = 0;
		try {
			while (this.rows.next(any) > 0) {
				rows += shows[0] ? 1 : 0;
				shows[0] = false;
			}
			return rows;
		}
		catch (XMLStreamException | RuntimeException ex) {
			throw failure(ex, this.rows.lastRow());
		}
	}

	/**
	 * How many rows follow the header row, as the sheet's own dimension says (0 when it
	 * does not say): no more than a guess for the progress, without reading to the end.
	 */
	public int rowsAfterHeader() {
		return Math.max(0, this.rows.dimensionLastRow() - this.layout.headerRow());
	}

	/** The next row with anything in it; none after the last. */
	public @Nullable SheetRow next() {
		String[] cells = new String[this.layout.width()];
		boolean[] shows = new boolean[1];
		SheetXml.Cells wanted = (column, text) -> {
			shows[0] = true;
			if (column < cells.length) {
				cells[column] = text;
			}
		};
		try {
			for (int row = this.rows.next(wanted); row > 0; row = this.rows.next(wanted)) {
				if (shows[0]) {
					return this.layout.row(row, cells);
				}
			}
			return null;
		}
		catch (XMLStreamException | RuntimeException ex) {
			throw failure(ex, this.rows.lastRow());
		}
	}

	/**
	 * One sentence for a failure in the sheet's XML: where it breaks off when the XML
	 * itself does (the archive read fine), else as {@link #unreadable(Throwable)}.
	 */
	private UnreadableFileException failure(Exception ex, int lastRow) {
		if (ex instanceof UnreadableFileException unreadable) {
			return unreadable;
		}
		if (ex instanceof XMLStreamException && Causes.chain(ex).noneMatch(IOException.class::isInstance)) {
			return new UnreadableFileException("The sheet '" + this.sheetName + "' is damaged after row " + lastRow
					+ ": it breaks off in the middle (the file may have been cut short while it was saved or copied). "
					+ "Nothing was imported; save the workbook again and drop it in once more.", ex);
		}
		return unreadable(ex);
	}

	private SheetLayout findHeader() throws XMLStreamException {
		Map<Integer, String> cells = new TreeMap<>();
		for (int row = this.rows.next(cells::put); row > 0; row = this.rows.next(cells::put)) {
			SheetLayout found = SheetLayout.of(row, cells);
			if (found != null) {
				return found;
			}
			cells.clear();
		}
		throw new UnreadableFileException("Sheet '" + this.sheetName
				+ "' has no header row with an email column (Email Address, Email or E-mail).");
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
		this.parts.close();
	}

}
