package com.kapta.mailchimp.workbook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.jspecify.annotations.Nullable;

/**
 * The parts of an xlsx that say what a sheet's cells show: the sheets in the workbook's
 * order (with whether each is hidden), the shared strings and the number formats of the
 * cell styles. POI's package layer finds the parts (relationships, content types, and its
 * zip-bomb guard on every part read); the parts themselves are read with the JDK's StAX
 * cursor into plain strings, where POI's XMLBeans model would make an object graph of
 * every string (the import's hottest cost before).
 */
final class WorkbookParts implements AutoCloseable {

	/** A sheet as the workbook lists it. */
	record SheetRef(String name, String relationId, boolean visible) {
	}

	/**
	 * What a shared string costs the heap beside its characters (the String, its array,
	 * the list's slot): an empty {@code <si/>} of five bytes holds about this much.
	 */
	private static final int STRING_OVERHEAD = 48;

	/** No DTDs, no external entities (POI's hardened factory). */
	private static final XMLInputFactory XML = XMLHelper.newXMLInputFactory();

	private final OPCPackage workbook;

	private final Reader reader;

	private final List<SheetRef> sheets = new ArrayList<>();

	private final List<String> sharedStrings = new ArrayList<>();

	/** Each cell style's number format id, by style index. */
	private final List<Integer> styleFormats = new ArrayList<>();

	/** The workbook's own number formats, by id. */
	private final Map<Integer, String> formatCodes = new HashMap<>();

	private boolean date1904;

	private WorkbookParts(OPCPackage workbook, long maxSharedStrings)
			throws IOException, OpenXML4JException, XMLStreamException {
		this.workbook = workbook;
		this.reader = new Reader(workbook);
		readWorkbook(this.reader.getWorkbookData());
		readSharedStrings(this.reader.getSharedStringsData(), maxSharedStrings);
		readStyles(this.reader.getStylesData());
	}

	/**
	 * Opens the package read-only and reads its small parts (not the sheets).
	 * @param maxSharedStrings the most the shared strings may take in memory, counted as
	 * they are read (the size the zip declares for them can lie)
	 */
	static WorkbookParts open(Path file, long maxSharedStrings)
			throws IOException, OpenXML4JException, XMLStreamException {
		OPCPackage workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
		try {
			return new WorkbookParts(workbook, maxSharedStrings);
		}
		catch (IOException | OpenXML4JException | XMLStreamException | RuntimeException ex) {
			workbook.revert();
			throw ex;
		}
	}

	List<SheetRef> sheets() {
		return this.sheets;
	}

	/** The sheet's part: its XML is read through the package's zip-bomb guard. */
	PackagePart sheet(SheetRef sheet) throws InvalidFormatException {
		PackageRelationship relation = this.reader.workbookPart().getRelationship(sheet.relationId());
		PackagePart part = (relation != null)
				? this.workbook.getPart(PackagingURIHelper.createPartName(relation.getTargetURI())) : null;
		if (part == null) {
			throw new UnreadableFileException(
					"The workbook lists sheet '" + sheet.name() + "' but has no part for it.");
		}
		return part;
	}

	String sharedString(int index) {
		return this.sharedStrings.get(index);
	}

	/** The number format id of a cell style (0, General, for an unknown style). */
	int formatIndex(int style) {
		return (style >= 0 && style < this.styleFormats.size()) ? this.styleFormats.get(style) : 0;
	}

	/** The format code of a number format id: the workbook's own, or Excel's built-in. */
	String formatCode(int formatIndex) {
		String code = this.formatCodes.get(formatIndex);
		if (code == null) {
			code = BuiltinFormats.getBuiltinFormat(formatIndex);
		}
		return (code != null) ? code : "General";
	}

	/** Whether the workbook counts dates from 1904 (old Mac Excel) instead of 1900. */
	boolean date1904() {
		return this.date1904;
	}

	/**
	 * A cursor over a part, from POI's hardened factory (it reads no DTD and resolves no
	 * entity); {@link #next} refuses a document type outright.
	 */
	static XMLStreamReader xml(InputStream part) throws XMLStreamException {
		return XML.createXMLStreamReader(part);
	}

	/** The next event, refusing a document type (entities could read local files). */
	static int next(XMLStreamReader xml) throws XMLStreamException {
		int event = xml.next();
		if (event == XMLStreamConstants.DTD) {
			throw new UnreadableFileException(SheetReader.DOCUMENT_TYPE);
		}
		return event;
	}

	/** What the shared strings hold so far, refused past {@code max}. */
	private static long hold(long held, long max) {
		if (held > max) {
			throw new UnreadableFileException("The workbook's shared strings take more than the " + (max >> 20)
					+ " MB the import holds (kapta.import.max-shared-strings) once unpacked; it was not read.");
		}
		return held;
	}

	/**
	 * Text as Excel stores it decoded: characters XML cannot carry are written
	 * {@code _xHHHH_}, which only POI's rich text knows how to read back (rare, so the
	 * object is made only then).
	 */
	static String decoded(String text) {
		return text.contains("_x") ? new XSSFRichTextString(text).getString() : text;
	}

	private void readWorkbook(InputStream part) throws IOException, XMLStreamException {
		try (part) {
			XMLStreamReader xml = xml(part);
			while (xml.hasNext()) {
				if (next(xml) != XMLStreamConstants.START_ELEMENT) {
					continue;
				}
				if (xml.getLocalName().equals("workbookPr")) {
					String value = xml.getAttributeValue(null, "date1904");
					this.date1904 = "1".equals(value) || "true".equals(value);
				}
				else if (xml.getLocalName().equals("sheet")) {
					String state = xml.getAttributeValue(null, "state");
					this.sheets.add(new SheetRef(String.valueOf(xml.getAttributeValue(null, "name")),
							String.valueOf(relationId(xml)), state == null || state.equals("visible")));
				}
			}
		}
	}

	/** The sheet's {@code r:id}, whichever prefix and namespace variant it has. */
	private static @Nullable String relationId(XMLStreamReader xml) {
		for (int i = 0; i < xml.getAttributeCount(); i++) {
			String namespace = xml.getAttributeNamespace(i);
			if (xml.getAttributeLocalName(i).equals("id") && namespace != null && !namespace.isEmpty()) {
				return xml.getAttributeValue(i);
			}
		}
		return null;
	}

	/**
	 * Each {@code <si>}'s text: its runs joined, its phonetic guides ({@code <rPh>}) left
	 * out, as Excel shows it.
	 */
	private void readSharedStrings(@Nullable InputStream part, long max) throws IOException, XMLStreamException {
		if (part == null) {
			return;
		}
		try (part) {
			XMLStreamReader xml = xml(part);
			StringBuilder text = new StringBuilder();
			long held = 0;
			while (xml.hasNext()) {
				int event = next(xml);
				if (event == XMLStreamConstants.START_ELEMENT) {
					switch (xml.getLocalName()) {
						case "si" -> {
							text.setLength(0);
							held = hold(held + STRING_OVERHEAD, max);
						}
						case "t" -> {
							String run = ExcelLimits.text(xml);
							if (text.length() + run.length() > ExcelLimits.MAX_CELL_CHARACTERS) {
								throw ExcelLimits.cellTooLong();
							}
							text.append(run);
							held = hold(held + run.length(), max);
						}
						case "rPh" -> skip(xml);
						default -> {
							// run properties and the like: their text is none
						}
					}
				}
				else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("si")) {
					this.sharedStrings.add(decoded(text.toString()));
				}
			}
		}
	}

	/** The number formats: the workbook's own codes, and each cell style's format id. */
	private void readStyles(@Nullable InputStream part) throws IOException, XMLStreamException {
		if (part == null) {
			return;
		}
		try (part) {
			XMLStreamReader xml = xml(part);
			boolean cellStyles = false;
			while (xml.hasNext()) {
				int event = next(xml);
				if (event == XMLStreamConstants.START_ELEMENT) {
					switch (xml.getLocalName()) {
						case "numFmt" -> this.formatCodes.put(number(xml.getAttributeValue(null, "numFmtId")),
								String.valueOf(xml.getAttributeValue(null, "formatCode")));
						case "cellXfs" -> cellStyles = true;
						case "xf" -> {
							if (cellStyles) {
								this.styleFormats.add(number(xml.getAttributeValue(null, "numFmtId")));
							}
						}
						default -> {
							// fonts, fills, borders: not what a cell shows
						}
					}
				}
				else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("cellXfs")) {
					cellStyles = false;
				}
			}
		}
	}

	/** Skips the element the reader is on, with everything in it. */
	static void skip(XMLStreamReader xml) throws XMLStreamException {
		for (int depth = 1; depth > 0;) {
			int event = next(xml);
			depth += (event == XMLStreamConstants.START_ELEMENT) ? 1
					: (event == XMLStreamConstants.END_ELEMENT) ? -1 : 0;
		}
	}

	private static int number(@Nullable String value) {
		try {
			return (value == null) ? 0 : Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/** POI's reader, which finds the workbook part and its related parts. */
	private static final class Reader extends XSSFReader {

		Reader(OPCPackage workbook) throws IOException, OpenXML4JException {
			super(workbook);
		}

		PackagePart workbookPart() {
			return this.workbookPart;
		}

	}

	@Override
	public void close() {
		// read-only: nothing to save
		this.workbook.revert();
	}

}
