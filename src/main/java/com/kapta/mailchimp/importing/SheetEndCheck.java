package com.kapta.mailchimp.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;

/**
 * Reads the import's sheet to its end before the first call to Mailchimp: a sheet whose
 * XML breaks off in the middle (a file cut short while it was saved or copied, but still
 * a valid archive) is refused whole, saying after which row, instead of being applied up
 * to the break. Only the XML is scanned (no cell is formatted), so it costs a small part
 * of the import's time.
 */
final class SheetEndCheck {

	private SheetEndCheck() {
	}

	/**
	 * Refuses the file if the sheet named {@code sheetName} cannot be read to its end.
	 */
	static void requireWhole(Path file, String sheetName) {
		try (OPCPackage workbook = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
			var sheets = (XSSFReader.SheetIterator) new XSSFReader(workbook).getSheetsData();
			while (sheets.hasNext()) {
				try (InputStream sheet = sheets.next()) {
					if (sheets.getSheetName().equals(sheetName)) {
						scan(sheet, sheetName);
						return;
					}
				}
			}
		}
		catch (UnreadableFileException ex) {
			throw ex;
		}
		catch (IOException | OpenXML4JException | RuntimeException ex) {
			throw ImportSheet.unreadable(ex);
		}
	}

	private static void scan(InputStream sheet, String sheetName) {
		// no DTDs, no external entities
		XMLInputFactory factory = XMLHelper.newXMLInputFactory();
		int lastRow = 0;
		int row = 0;
		try {
			XMLStreamReader xml = factory.createXMLStreamReader(sheet);
			while (xml.hasNext()) {
				int event = xml.next();
				if (event == XMLStreamConstants.DTD) {
					throw new UnreadableFileException(ImportSheet.DOCUMENT_TYPE);
				}
				if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("row")) {
					String number = xml.getAttributeValue(null, "r");
					row = (number != null && number.matches("\\d{1,7}")) ? Integer.parseInt(number) : row + 1;
				}
				else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("row")) {
					lastRow = row;
				}
			}
		}
		catch (XMLStreamException ex) {
			throw new UnreadableFileException("The sheet '" + sheetName + "' is damaged after row " + lastRow
					+ ": it breaks off in the middle (the file may have been cut short while it was saved or copied). "
					+ "Nothing was imported; save the workbook again and drop it in once more.", ex);
		}
	}

}
