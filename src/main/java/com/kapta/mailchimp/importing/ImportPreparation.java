package com.kapta.mailchimp.importing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.kapta.mailchimp.audience.AudienceResolver;
import com.kapta.mailchimp.batch.JobSessions;
import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.workbook.SheetLayout;
import com.kapta.mailchimp.workbook.SheetReader;

/**
 * Before any row is applied: checks the whole archive and reads the sheet to its end (an
 * unreadable file fails here, before anything is sent or changed), then refreshes the
 * audience's tags and notes which columns name no audience tag. A dry run, which sends
 * and changes nothing, reads the sheet only up to its header here: its staging reads the
 * rest, once, and fails the run with the same sentence where the sheet breaks off.
 */
class ImportPreparation implements Tasklet {

	static final String SHEET = "import.sheet";

	static final String TAG_COLUMNS = "import.tagColumns";

	static final String IGNORED_COLUMNS = "import.ignoredColumns";

	private final Path file;

	private final long maxSharedStringsBytes;

	private final JobSessions sessions;

	private final AudienceResolver audience;

	private final boolean dryRun;

	ImportPreparation(Path file, long maxSharedStringsBytes, boolean dryRun, JobSessions sessions,
			AudienceResolver audience) {
		this.file = file;
		this.dryRun = dryRun;
		this.maxSharedStringsBytes = maxSharedStringsBytes;
		this.sessions = sessions;
		this.audience = audience;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
		ExecutionContext context = job.getExecutionContext();
		SheetLayout layout;
		try (SheetReader sheet = SheetReader.open(this.file, this.maxSharedStringsBytes)) {
			sheet.checkArchive();
			int rows = this.dryRun ? sheet.rowsAfterHeader() : sheet.countToEnd();
			layout = sheet.layout();
			context.putString(SHEET, "'" + sheet.sheetName() + "', header on row " + layout.headerRow());
			this.sessions.progress(job).total(rows);
		}

		MailchimpClient client = this.sessions.client(job);
		Map<String, Long> tags = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		tags.putAll(this.audience.withAudience(client, (id) -> this.audience.refreshTags(client, id)));
		List<String> used = new ArrayList<>();
		List<String> ignored = new ArrayList<>();
		for (String header : layout.tagColumns().values()) {
			if (tags.containsKey(header)) {
				used.add(header);
			}
			else {
				ignored.add(header + " (not a tag of the audience)");
			}
		}
		layout.repeatedHeaders().forEach((header) -> ignored.add(header + " (repeats an earlier column)"));
		context.putString(TAG_COLUMNS, used.isEmpty() ? "(none)" : String.join(", ", used));
		context.putString(IGNORED_COLUMNS, ignored.isEmpty() ? "(none)" : listed(ignored));
		return RepeatStatus.FINISHED;
	}

	/**
	 * The first columns by name, then how many more: a sheet may have 16 384, more than a
	 * report cell holds.
	 */
	private static String listed(List<String> columns) {
		int shown = Math.min(columns.size(), 20);
		String first = String.join(", ", columns.subList(0, shown));
		return (shown == columns.size()) ? first : first + " and " + (columns.size() - shown) + " more";
	}

}
