package com.kapta.mailchimp.workbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One definition of the contact workbook's columns: what the export writes, the import
 * reads back, and a sheet made by hand may say in its own case and spacing.
 */
@Tag("fast")
class ContactColumnsTests {

	@Test
	void theExportsHeaderIsReadBackByTheImportWithEveryTagColumn() {
		List<String> header = new ArrayList<>(ContactColumns.CONTACT);
		header.addAll(List.of("Champion", "VIP"));

		SheetLayout layout = SheetLayout.of(1, cells(header));

		assertThat(layout).isNotNull();
		assertThat(layout.email()).isZero();
		assertThat(layout.firstName()).isEqualTo(1);
		assertThat(layout.lastName()).isEqualTo(2);
		assertThat(layout.tagColumns()).as("the status is informational, never a tag")
			.containsExactly(Map.entry(4, "Champion"), Map.entry(5, "VIP"));
	}

	@Test
	void aSheetMadeByHandMayNameTheColumnsInItsOwnCaseAndSpacing() {
		SheetLayout layout = SheetLayout.of(3, cells(List.of(" VIP ", "E-Mail", "first  NAME", "Last Name", "vip")));

		assertThat(layout).isNotNull();
		assertThat(layout.email()).isEqualTo(1);
		assertThat(layout.firstName()).isEqualTo(2);
		assertThat(layout.lastName()).isEqualTo(3);
		assertThat(layout.tagColumns()).containsExactly(Map.entry(0, "VIP"));
		assertThat(layout.repeatedHeaders()).containsExactly("vip");
		assertThat(SheetLayout.of(1, cells(List.of("Name", "Mail")))).as("no email column: not a header").isNull();
	}

	@Test
	void yAddsNRemovesAndAnythingElseLeavesTheTagAsItIs() {
		assertThat(ContactColumns.cell(true)).isEqualTo("Y");
		assertThat(ContactColumns.cell(false)).isEqualTo("N");
		for (String adds : List.of("Y", "y", " Y ")) {
			assertThat(ContactColumns.adds(adds)).as(adds).isTrue();
			assertThat(ContactColumns.removes(adds)).as(adds).isFalse();
		}
		for (String removes : List.of("N", "n", " N ")) {
			assertThat(ContactColumns.removes(removes)).as(removes).isTrue();
		}
		for (String other : List.of("Yes", "x", "", "No", "1")) {
			assertThat(ContactColumns.adds(other) || ContactColumns.removes(other)).as(other).isFalse();
		}
	}

	private static Map<Integer, String> cells(List<String> texts) {
		Map<Integer, String> cells = new LinkedHashMap<>();
		for (int i = 0; i < texts.size(); i++) {
			cells.put(i, texts.get(i));
		}
		return cells;
	}

}
