package com.kapta.mailchimp.importing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.kapta.mailchimp.workbook.SheetReader;
import com.kapta.mailchimp.workbook.UnreadableFileException;
import com.kapta.mailchimp.workbook.Workbooks;

/**
 * The reader and its parser thread, without Spring: a failure of the parser always
 * reaches the reader; the rows it handed out are kept where a restart finds them.
 */
@Tag("fast")
class ImportRowReaderTests {

	@TempDir
	Path dir;

	@Test
	void aSheetThatBreaksWhileTheQueueIsFullStillFailsTheReaderInsteadOfLeavingItWaiting() throws Exception {
		List<List<Object>> rows = new ArrayList<>();
		rows.add(List.of("Email Address", "Champion"));
		for (int i = 0; i < 10_600; i++) {
			rows.add(List.of("p" + i + "@example.com", "Y"));
		}
		Path whole = Workbooks.xlsx(this.dir.resolve("whole.xlsx"), rows);
		// the break comes after more rows than the parser keeps ahead of the reader (two
		// chunks)
		Path cut = Workbooks.withSheetCutAfterRow(whole, this.dir.resolve("cut.xlsx"), 10_300);
		var reader = new ImportRowReader(cut, 100_000_000);
		reader.open(new ExecutionContext());
		try {
			assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(() -> {
				// read slowly: the parser keeps the queue full, so it fails while the
				// queue has no room
				for (int read = 0;; read++) {
					assertThat(reader.read()).as("the reader never ends as if the sheet were whole").isNotNull();
					if (read % 20 == 0) {
						Thread.sleep(1);
					}
				}
			}).isInstanceOf(UnreadableFileException.class));
		}
		finally {
			reader.close();
		}
	}

	@Test
	void theRowsHandedOutAreKeptWhereARestartedDryRunFindsThem() throws Exception {
		Path file = Workbooks.xlsx(this.dir.resolve("rows.xlsx"), List.of(List.of("Email Address"),
				List.of("a@example.com"), List.of(), List.of("b@example.com"), List.of("c@example.com")));
		var reader = new ImportRowReader(file, 100_000_000);
		ExecutionContext context = new ExecutionContext();
		reader.open(context);
		try {
			assertThat(reader.read().email()).isEqualTo("a@example.com");
			assertThat(reader.read().email()).isEqualTo("b@example.com");
			reader.update(context);
		}
		finally {
			reader.close();
		}
		assertThat(ImportRowReader.rowsRead(context)).isEqualTo(2);
		try (SheetReader sheet = SheetReader.open(file, 100_000_000)) {
			assertThat(
					SeenEmails.replayed(sheet, 2).firstRows(List.of("a@example.com", "b@example.com", "c@example.com")))
				.containsOnly(Map.entry("a@example.com", 2), Map.entry("b@example.com", 4));
		}
	}

}
