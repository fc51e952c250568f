package com.kapta.mailchimp.workbook;

import java.io.InputStream;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.jspecify.annotations.Nullable;

/**
 * A sheet's rows as their cells display, read with a StAX cursor: no object is made for a
 * cell but its text. Each cell is shown as Excel shows it: text as written, a number in
 * its cell's number format (dates included), a boolean as TRUE or FALSE, an error as its
 * code, a formula as its last computed value.
 */
final class SheetXml {

	/** Takes a row's cells that show something, in the order the sheet has them. */
	interface Cells {

		void cell(int column, String text);

	}

	private final XMLStreamReader xml;

	private final WorkbookParts parts;

	/** Formats numbers as Excel displays them. */
	private final DataFormatter formatter = new DataFormatter();

	private int lastRow;

	private int dimensionLastRow;

	SheetXml(InputStream sheet, WorkbookParts parts) throws XMLStreamException {
		this.xml = WorkbookParts.xml(sheet);
		this.parts = parts;
	}

	/** The number of the last row read whole (0 before the first). */
	int lastRow() {
		return this.lastRow;
	}

	/**
	 * The last row of the range the sheet says it uses ({@code <dimension>}, before its
	 * rows), or 0 when it does not say.
	 */
	int dimensionLastRow() {
		return this.dimensionLastRow;
	}

	/**
	 * Reads the next row, handing its cells that show something to {@code cells}.
	 * @return the row's number as Excel shows it, or 0 after the last row
	 */
	int next(Cells cells) throws XMLStreamException {
		while (this.xml.hasNext()) {
			if (WorkbookParts.next(this.xml) != XMLStreamConstants.START_ELEMENT) {
				continue;
			}
			if (this.xml.getLocalName().equals("row")) {
				int row = position(this.xml.getAttributeValue(null, "r"), this.lastRow);
				if (row > ExcelLimits.MAX_ROWS) {
					throw ExcelLimits.beyond("row " + row);
				}
				readCells(cells);
				this.lastRow = row;
				return row;
			}
			if (this.xml.getLocalName().equals("dimension")) {
				String range = String.valueOf(this.xml.getAttributeValue(null, "ref"));
				this.dimensionLastRow = position(range.substring(range.indexOf(':') + 1).replaceAll("^[A-Z]+", ""), -1);
			}
		}
		return 0;
	}

	private void readCells(Cells cells) throws XMLStreamException {
		int column = -1;
		while (true) {
			int event = WorkbookParts.next(this.xml);
			if (event == XMLStreamConstants.START_ELEMENT) {
				if (this.xml.getLocalName().equals("c")) {
					column = column(this.xml.getAttributeValue(null, "r"), column);
					String text = cell(this.xml.getAttributeValue(null, "t"), this.xml.getAttributeValue(null, "s"));
					if (!text.isEmpty()) {
						cells.cell(column, text);
					}
				}
				else {
					WorkbookParts.skip(this.xml);
				}
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				return; // the row's end
			}
		}
	}

	/** Reads the cell the reader is on to its end: its text as displayed, stripped. */
	private String cell(@Nullable String type, @Nullable String style) throws XMLStreamException {
		String value = null;
		StringBuilder inline = null;
		for (int depth = 1; depth > 0;) {
			int event = WorkbookParts.next(this.xml);
			if (event == XMLStreamConstants.START_ELEMENT) {
				switch (this.xml.getLocalName()) {
					case "v" -> value = ExcelLimits.text(this.xml);
					case "f" -> ExcelLimits.text(this.xml);
					case "t" -> {
						inline = (inline != null) ? inline : new StringBuilder();
						inline.append(ExcelLimits.text(this.xml));
						if (inline.length() > ExcelLimits.MAX_CELL_CHARACTERS) {
							throw ExcelLimits.cellTooLong();
						}
					}
					case "rPh" -> WorkbookParts.skip(this.xml);
					default -> depth++; // <is>, a rich text run <r>
				}
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				depth--;
			}
		}
		if (inline != null) {
			return WorkbookParts.decoded(inline.toString()).strip();
		}
		return (value == null || value.isEmpty()) ? "" : shown(type, value, style).strip();
	}

	private String shown(@Nullable String type, String value, @Nullable String style) {
		switch ((type != null) ? type : "n") {
			case "s":
				return this.parts.sharedString(Integer.parseInt(value.strip()));
			case "str":
			case "inlineStr":
				return WorkbookParts.decoded(value);
			case "b":
				return value.strip().equals("0") ? "FALSE" : "TRUE";
			case "n":
				return number(value, style);
			default:
				// an error's code (#N/A), or an ISO date of a strict workbook
				return value;
		}
	}

	private String number(String value, @Nullable String style) {
		double number;
		try {
			number = Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			return value;
		}
		int format = this.parts.formatIndex((style != null) ? position(style, -1) : 0);
		return this.formatter.formatRawCellContents(number, format, this.parts.formatCode(format),
				this.parts.date1904());
	}

	/**
	 * A 0-based column from a cell reference ({@code "AB12"}), or the one after the
	 * previous cell's when the reference is missing.
	 */
	private static int column(@Nullable String reference, int previous) {
		if (reference == null) {
			return previous + 1;
		}
		int column = 0;
		for (int i = 0; i < reference.length(); i++) {
			char c = reference.charAt(i);
			if (c < 'A' || c > 'Z') {
				break;
			}
			column = column * 26 + (c - 'A' + 1);
			if (column > ExcelLimits.MAX_COLUMNS) {
				// a reference Excel cannot make; every row would be read as that wide
				throw ExcelLimits.beyond("cell " + reference);
			}
		}
		return (column > 0) ? column - 1 : previous + 1;
	}

	/**
	 * A row number or style index; the one after {@code previous} when missing or odd.
	 */
	private static int position(@Nullable String number, int previous) {
		if (number != null && !number.isEmpty() && number.length() <= 7) {
			try {
				return Integer.parseInt(number);
			}
			catch (NumberFormatException ex) {
				// odd: counted on from the previous
			}
		}
		return previous + 1;
	}

}
