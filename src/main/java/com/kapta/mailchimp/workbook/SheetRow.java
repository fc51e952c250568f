package com.kapta.mailchimp.workbook;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One data row of an imported sheet, as displayed text, trimmed.
 *
 * @param sheetRow the row number as Excel shows it (1-based)
 * @param email the email cell ({@code ""} when blank)
 * @param firstName the first name cell; missing when the sheet has no such column or it
 * is blank
 * @param lastName the last name cell, likewise
 * @param tagCells header → cell text for every tag column of the sheet (blank cells
 * absent)
 */
public record SheetRow(int sheetRow, String email, @Nullable String firstName, @Nullable String lastName,
		Map<String, String> tagCells) {
}
