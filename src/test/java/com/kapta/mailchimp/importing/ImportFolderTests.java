package com.kapta.mailchimp.importing;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which files in the drop folder the import leaves alone, without Spring. */
@Tag("fast")
class ImportFolderTests {

	@ParameterizedTest
	@ValueSource(
			strings = { ".hidden.xlsx", "~$contacts.xlsx", "contacts.xlsx~", "contacts.xlsx.tmp", "contacts.XLSX.TMP",
					"contacts.xlsx.part", "contacts.xlsx.crdownload", "contacts.xlsx.partial", ".contacts.xlsx.swp" })
	void lockAndTemporaryFilesAreIgnored(String name) {
		assertThat(ImportFolder.ignored(Path.of("jobs", "import", name))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "contacts.xlsx", "Contacts 2026~final.xlsx", "tmp.xlsx", "export.part.xlsx", "contacts.csv" })
	void otherFilesAreTaken(String name) {
		assertThat(ImportFolder.ignored(Path.of("jobs", "import", name))).isFalse();
	}

}
