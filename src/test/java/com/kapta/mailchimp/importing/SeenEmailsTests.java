package com.kapta.mailchimp.importing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

import com.kapta.mailchimp.workbook.SheetReader;
import com.kapta.mailchimp.workbook.Workbooks;

/**
 * A dry run's taken emails: exact (the first row wins, never a guess), also replayed
 * after a restart, skipping what the step skipped.
 */
@Tag("fast")
class SeenEmailsTests {

	@TempDir
	Path dir;

	@Test
	void eachEmailKeepsItsFirstRowAndNoOtherIsTaken() {
		SeenEmails seen = new SeenEmails();
		seen.take(IntStream.range(0, 300_000)
			.boxed()
			.collect(Collectors.toMap((i) -> "person" + i + "@example.com", (i) -> i + 2)));
		seen.take(Map.of("person7@example.com", 400_000, "zoë@bücher.de", 400_001));

		assertThat(seen.firstRows(List.of("person7@example.com", "person299999@example.com", "zoë@bücher.de",
				"zoe@bucher.de", "person300000@example.com", "")))
			.containsOnly(Map.entry("person7@example.com", 9), Map.entry("person299999@example.com", 300_001),
					Map.entry("zoë@bücher.de", 400_001));
		assertThat(IntStream.range(0, 300_000)
			.filter((i) -> !seen.firstRows(List.of("person" + i + "@example.com"))
				.equals(Map.of("person" + i + "@example.com", i + 2))))
			.isEmpty();
	}

	@Test
	void aReplayTakesWhatTheStepTookBeforeItStopped() {
		Path file = Workbooks.xlsx(this.dir.resolve("rows.xlsx"),
				List.of(List.of("Email Address", "First Name"), List.of("Ann@Example.com", "Ann"),
						List.of("not an email", "X"), List.of("bob@example.com", "x".repeat(300)),
						List.of("ann@example.com", "Again"), List.of("cy@example.com", "Cy")));
		try (SheetReader sheet = SheetReader.open(file, 100_000_000)) {
			// the step had read four rows: the invalid email and the name too long were
			// skipped, the repeat kept its first row
			assertThat(SeenEmails.replayed(sheet, 4)
				.firstRows(List.of("ann@example.com", "bob@example.com", "cy@example.com", "not an email")))
				.containsOnly(Map.entry("ann@example.com", 2));
		}
	}

}
