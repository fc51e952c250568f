package com.kapta.mailchimp.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import com.kapta.mailchimp.KaptaJob;
import com.kapta.mailchimp.contact.Contact;
import com.kapta.mailchimp.contact.ContactHistory;
import com.kapta.mailchimp.workbook.ContactColumns;
import com.kapta.mailchimp.workbook.WorkbookWriter;
import com.kapta.mailchimp.workbook.WorkbookWriter.Column;

/**
 * The Mailchimp Contacts and Tags workbook: contact columns, then one {@code Y}/{@code N}
 * column per audience tag, and, when asked, a History sheet of the exported contacts'
 * changes. Written to a temporary file beside the target and renamed when complete.
 */
class ContactWorkbook implements AutoCloseable {

	static final String SHEET = ContactColumns.SHEET;

	/** How a default export file's name begins. */
	static final String DEFAULT_PREFIX = "mailchimp-contacts-and-tags-";

	static final String HISTORY_SHEET = "History";

	static final List<String> CONTACT_COLUMNS = ContactColumns.CONTACT;

	private static final List<Column> HISTORY_COLUMNS = List.of(new Column(ContactColumns.EMAIL, 36),
			new Column("When (UTC)", 22), new Column("What", 36), new Column("By", 30), new Column("Why", 30));

	private final Path target;

	private final List<String> tags;

	private final WorkbookWriter workbook = new WorkbookWriter();

	private final WorkbookWriter.Sheet sheet;

	private final Set<String> kaptaOnlyTags = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

	/** The History sheet, made with its first row. */
	private WorkbookWriter.@Nullable Sheet history;

	ContactWorkbook(Path target, List<String> tags) {
		this.target = target;
		this.tags = tags;
		List<Column> columns = new ArrayList<>(
				List.of(new Column(ContactColumns.EMAIL, 36), new Column(CONTACT_COLUMNS.get(1), 18),
						new Column(CONTACT_COLUMNS.get(2), 18), new Column(CONTACT_COLUMNS.get(3), 18)));
		for (String tag : tags) {
			columns.add(new Column(tag, Math.min(40, Math.max(8, tag.length() + 3))));
		}
		this.sheet = this.workbook.sheet(SHEET, columns);
	}

	void add(Contact contact) {
		List<String> values = new ArrayList<>(CONTACT_COLUMNS.size() + this.tags.size());
		values.add(contact.email());
		values.add(orEmpty(contact.firstName()));
		values.add(orEmpty(contact.lastName()));
		values.add((contact.mailchimpStatus() != null) ? contact.mailchimpStatus() : "not on Mailchimp");
		Set<String> has = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		has.addAll(contact.tags());
		for (String tag : this.tags) {
			values.add(ContactColumns.cell(has.remove(tag)));
		}
		this.kaptaOnlyTags.addAll(has);
		this.sheet.add(values);
	}

	/**
	 * A row of the History sheet: one change of an exported contact. Past the most rows a
	 * sheet holds, the rest is counted, not written (the summary says so).
	 */
	void addHistory(ContactHistory.Row change) {
		if (this.history == null) {
			this.history = this.workbook.sheet(HISTORY_SHEET, HISTORY_COLUMNS);
		}
		ContactHistory.Entry entry = change.entry();
		this.history.add(change.email(), entry.at().toString(), entry.what(), entry.by(KaptaJob::labelOf),
				orEmpty(entry.reason()));
	}

	/** What the History sheet holds, for the run's summary. */
	String historyWords() {
		int rows = (this.history != null) ? this.history.rows() : 0;
		long leftOut = (this.history != null) ? this.history.leftOut() : 0;
		return rows + " changes" + ((leftOut > 0)
				? "; " + leftOut + " older ones left out (more than a sheet holds): see each contact's page" : "");
	}

	/**
	 * Writes the workbook and renames it to its final name; returns how many contacts it
	 * holds.
	 */
	int finish() throws IOException {
		this.sheet.filter();
		this.workbook.write(this.target);
		return this.sheet.rows();
	}

	/**
	 * Removes what an export killed mid-write left in the target's folder (a kill leaves
	 * no time to clean up): the target's own temporary file and those of default-named
	 * exports. Only one export runs at a time.
	 */
	static void removeLeftovers(Path target) throws IOException {
		Files.deleteIfExists(WorkbookWriter.temporaryFile(target));
		try (var leftovers = Files.newDirectoryStream(target.getParent(), "." + DEFAULT_PREFIX + "*.xlsx.tmp")) {
			for (Path leftover : leftovers) {
				Files.deleteIfExists(leftover);
			}
		}
	}

	/**
	 * Kapta tags the audience does not define: no column, as an import would ignore them.
	 */
	Set<String> kaptaOnlyTags() {
		return this.kaptaOnlyTags;
	}

	@Override
	public void close() throws IOException {
		this.workbook.close();
	}

	private static String orEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

}
