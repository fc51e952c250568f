package com.kapta.mailchimp.workbook;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The columns of Kapta's contact workbooks, one definition for the export that writes
 * them and the import that reads them back: the contact's columns by name, then one
 * column per audience tag holding {@code Y} (the contact has it) or {@code N} (it does
 * not).
 */
public final class ContactColumns {

	/**
	 * The export's sheet (the import reads the first visible sheet, whatever its name).
	 */
	public static final String SHEET = "Mailchimp Contacts and Tags";

	public static final String EMAIL = "Email Address";

	public static final String FIRST_NAME = "First Name";

	public static final String LAST_NAME = "Last Name";

	/**
	 * Informational only: the status is Mailchimp's to say, never written from a sheet.
	 */
	public static final String STATUS = "Mailchimp Status";

	/** The contact's columns, in the export's order, before the tag columns. */
	public static final List<String> CONTACT = List.of(EMAIL, FIRST_NAME, LAST_NAME, STATUS);

	public static final String YES = "Y";

	public static final String NO = "N";

	/**
	 * The email column's other names the import accepts (a sheet made by hand), compared
	 * as {@link #normalized}.
	 */
	private static final Set<String> EMAIL_NAMES = Set.of("email address", "email", "e-mail");

	private ContactColumns() {
	}

	/** The tag cell for a contact that has the tag or not. */
	public static String cell(boolean has) {
		return has ? YES : NO;
	}

	/** Whether a tag cell adds the tag ({@code Y} in any case, spaces around). */
	public static boolean adds(String cell) {
		return cell.strip().equalsIgnoreCase(YES);
	}

	/** Whether a tag cell removes the tag ({@code N} in any case, spaces around). */
	public static boolean removes(String cell) {
		return cell.strip().equalsIgnoreCase(NO);
	}

	/** Whether a header names the email column. */
	static boolean isEmail(String header) {
		return EMAIL_NAMES.contains(normalized(header));
	}

	/** Whether a header names this contact column, ignoring case and spaces around. */
	static boolean is(String column, String header) {
		return normalized(header).equals(normalized(column));
	}

	/** A header as compared: trimmed, inner spaces as one, lower case. */
	static String normalized(String header) {
		return header.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
	}

}
