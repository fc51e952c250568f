package com.kapta.mailchimp.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail and the contacts' histories are written only by appending: no statement
 * of the application updates a row of either, and only the retention deletes (once each,
 * older than kept). Read from the sources, so that a new path shows here before a review.
 */
@Tag("fast")
class AppendOnlyTests {

	private static final Pattern CHANGE = Pattern.compile(
			"(UPDATE|DELETE\\s+FROM|TRUNCATE\\s+TABLE|MERGE\\s+INTO|ALTER\\s+TABLE)\\s+(audit_event|contact_history)\\b",
			Pattern.CASE_INSENSITIVE);

	@Test
	void onlyTheRetentionDeletesAndNothingUpdates() throws IOException {
		List<String> found = new ArrayList<>();
		try (Stream<Path> sources = Files.walk(Path.of("src", "main"))) {
			for (Path source : sources.filter(Files::isRegularFile).toList()) {
				Matcher change = CHANGE.matcher(Files.readString(source));
				while (change.find()) {
					found.add(source.getFileName() + ": "
							+ change.group(1).replaceAll("\\s+", " ").toUpperCase(Locale.ROOT) + " "
							+ change.group(2).toLowerCase(Locale.ROOT));
				}
			}
		}
		assertThat(found).containsExactlyInAnyOrder("AuditTrail.java: DELETE FROM audit_event",
				"ContactHistory.java: DELETE FROM contact_history");
	}

}
