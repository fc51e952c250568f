package com.kapta.mailchimp.workbook;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Excel's own limits on what a sheet holds (a cell's characters, its last column XFD and
 * row 1 048 576), held to as a workbook is read: a workbook past them was not made by
 * Excel, and read as it says (a header in column ZZZZZZ, a cell of a hundred million
 * characters) it would fill the heap.
 */
final class ExcelLimits {

	static final int MAX_CELL_CHARACTERS = 32_767;

	static final int MAX_COLUMNS = 16_384;

	static final int MAX_ROWS = 1_048_576;

	private ExcelLimits() {
	}

	/**
	 * The text of the element the reader is on, to its end, refused past a cell's limit
	 * before more of it is held.
	 */
	static String text(XMLStreamReader xml) throws XMLStreamException {
		StringBuilder text = new StringBuilder();
		for (int depth = 1; depth > 0;) {
			int event = WorkbookParts.next(xml);
			switch (event) {
				case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
					if (text.length() + xml.getTextLength() > MAX_CELL_CHARACTERS) {
						throw cellTooLong();
					}
					text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
				}
				case XMLStreamConstants.START_ELEMENT -> depth++;
				case XMLStreamConstants.END_ELEMENT -> depth--;
				default -> {
					// comments and processing instructions: no text
				}
			}
		}
		return text.toString();
	}

	static UnreadableFileException cellTooLong() {
		return new UnreadableFileException(
				"The workbook has a cell of more than 32 767 characters, Excel's own limit; it was not read.");
	}

	/** A cell or row reference past the sheet's last column or row. */
	static UnreadableFileException beyond(String what) {
		return new UnreadableFileException(
				"The sheet names " + (what.length() > 40 ? what.substring(0, 40) + "…" : what)
						+ ", beyond Excel's last column (XFD) or row (1 048 576); the workbook was not read.");
	}

}
