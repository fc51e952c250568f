package com.kapta.mailchimp.importing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.kapta.mailchimp.EmailKey;
import com.kapta.mailchimp.workbook.ContactColumns;
import com.kapta.mailchimp.workbook.SheetRow;

/** Which tag changes the rows' Y and N cells ask for. */
class ImportTagChanges {

	/** One tag change a row asks for; {@code tag} is the audience's spelling. */
	record Change(SheetRow row, String tag, boolean add) {
	}

	/** The audience's spelling of its tags, by name ignoring case. */
	private final Map<String, String> tags = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

	ImportTagChanges(Collection<String> audienceTags) {
		audienceTags.forEach((name) -> this.tags.put(name, name));
	}

	/**
	 * The changes the rows ask for that Kapta's tags do not have yet: Y adds, N removes,
	 * other values leave the tag as it is, and a column the audience does not define is
	 * ignored (the report names it).
	 * @param ids Kapta's contact of each row, by {@link EmailKey} (absent: a contact
	 * still to create)
	 * @param kaptaTags the tags of those contacts
	 */
	List<Change> asked(Iterable<SheetRow> rows, Map<String, Long> ids, Map<Long, List<String>> kaptaTags) {
		List<Change> changes = new ArrayList<>();
		for (SheetRow row : rows) {
			Long id = ids.get(EmailKey.of(row.email()));
			Set<String> have = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
			have.addAll((id == null) ? List.of() : kaptaTags.getOrDefault(id, List.of()));
			row.tagCells().forEach((header, value) -> {
				String tag = this.tags.get(header);
				if (tag == null) {
					return;
				}
				if (ContactColumns.adds(value) && !have.contains(tag)) {
					changes.add(new Change(row, tag, true));
				}
				else if (ContactColumns.removes(value) && have.contains(tag)) {
					changes.add(new Change(row, tag, false));
				}
			});
		}
		return changes;
	}

}
