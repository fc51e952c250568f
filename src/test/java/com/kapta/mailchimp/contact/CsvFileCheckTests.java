package com.kapta.mailchimp.contact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.kapta.mailchimp.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The whole-file check before a CSV loads, without Spring: the line it names. */
@Tag("fast")
class CsvFileCheckTests {

	@TempDir
	Path dir;

	@Test
	void quotedFieldsMayHoldCommasAndLineBreaks() throws IOException {
		Path csv = write("email,first_name,last_name,tags\n" + "ann@example.com,\"Ann, Jr\",\"Lee\nSmith\",VIP\n"
				+ "bob@example.com,,,\n");

		assertThatCode(() -> CsvFileCheck.check(csv, ContactCsvLoader.FORMAT)).doesNotThrowAnyException();
	}

	@Test
	void anUnclosedQuoteNamesTheLineItOpensOn() throws IOException {
		Path csv = write("email,first_name,last_name,tags\n" + "ann@example.com,,,\n".repeat(1_500)
				+ "bob@example.com,\"Bob,,\n" + "carl@example.com,,,\n");

		assertThatThrownBy(() -> CsvFileCheck.check(csv, ContactCsvLoader.FORMAT))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("at line 1502")
			.hasMessageEndingWith("nothing was loaded");
	}

	@Test
	void aByteThatIsNotUtf8NamesItsLine() throws IOException {
		Path csv = this.dir.resolve("latin1.csv");
		Files.write(csv,
				"email,first_name,last_name,tags\nann@example.com,Ren\u00e9,,\n".getBytes(StandardCharsets.ISO_8859_1));

		assertThatThrownBy(() -> CsvFileCheck.check(csv, ContactCsvLoader.FORMAT))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("line 2 has a byte that is not UTF-8");
	}

	private Path write(String text) throws IOException {
		Path csv = this.dir.resolve("contacts.csv");
		Files.writeString(csv, text);
		return csv;
	}

}
