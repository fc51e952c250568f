package com.kapta.mailchimp.workbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Where things are on an imported sheet: the header row is the first row with an email
 * column; the contact columns are known by name, every other non-empty header is a tag
 * column.
 *
 * @param headerRow the header's row number as Excel shows it
 * @param email the email column (0-based)
 * @param firstName the first name column, or -1
 * @param lastName the last name column, or -1
 * @param tagColumns column → header, for every tag column (a header seen twice counts
 * once: the first)
 * @param repeatedHeaders tag headers that appear again further right, ignored there
 */
public record SheetLayout(int headerRow, int email, int firstName, int lastName, Map<Integer, String> tagColumns,
		List<String> repeatedHeaders) {

	/** The layout, if this row (cell texts by column) is a header row. */
	static @Nullable SheetLayout of(int sheetRow, Map<Integer, String> cells) {
		int email = -1;
		for (Map.Entry<Integer, String> cell : cells.entrySet()) {
			if (ContactColumns.isEmail(cell.getValue())) {
				email = cell.getKey();
				break;
			}
		}
		if (email < 0) {
			return null;
		}
		int firstName = -1;
		int lastName = -1;
		Map<Integer, String> tags = new LinkedHashMap<>();
		Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		List<String> repeated = new ArrayList<>();
		for (Map.Entry<Integer, String> cell : cells.entrySet()) {
			String header = cell.getValue().strip();
			if (cell.getKey() == email || header.isEmpty() || ContactColumns.isEmail(header)
					|| ContactColumns.is(ContactColumns.STATUS, header)) {
				continue;
			}
			if (ContactColumns.is(ContactColumns.FIRST_NAME, header) && firstName < 0) {
				firstName = cell.getKey();
			}
			else if (ContactColumns.is(ContactColumns.LAST_NAME, header) && lastName < 0) {
				lastName = cell.getKey();
			}
			else if (seen.add(header)) {
				tags.put(cell.getKey(), header);
			}
			else {
				repeated.add(header);
			}
		}
		return new SheetLayout(sheetRow, email, firstName, lastName, tags, repeated);
	}

	/** How many columns a data row is read from: up to the last this layout uses. */
	int width() {
		int last = Math.max(this.email, Math.max(this.firstName, this.lastName));
		for (int column : this.tagColumns.keySet()) {
			last = Math.max(last, column);
		}
		return last + 1;
	}

	/**
	 * The row, read by this layout from its cells' texts by column (null or empty:
	 * blank), {@link #width()} of them.
	 */
	SheetRow row(int sheetRow, String[] cells) {
		Map<String, String> tagCells = new LinkedHashMap<>();
		this.tagColumns.forEach((column, header) -> {
			String value = cell(cells, column);
			if (value != null) {
				tagCells.put(header, value);
			}
		});
		String email = cell(cells, this.email);
		return new SheetRow(sheetRow, (email != null) ? email : "", cell(cells, this.firstName),
				cell(cells, this.lastName), tagCells);
	}

	private static @Nullable String cell(String[] cells, int column) {
		String value = (column < 0) ? null : cells[column];
		return (value == null || value.isEmpty()) ? null : value;
	}

}
