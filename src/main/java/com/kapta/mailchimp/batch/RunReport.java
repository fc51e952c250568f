package com.kapta.mailchimp.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.workbook.WorkbookWriter;
import com.kapta.mailchimp.workbook.WorkbookWriter.Column;

/**
 * Writes a run's xlsx report under {@code jobs/reports}: a summary sheet, and one row per
 * item whose outcome is worth a look, written by the {@link WorkbookWriter}: streamed,
 * and renamed into place when complete, so a report that exists is complete.
 */
@Component
public class RunReport {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

	private final RunOutcomes outcomes;

	private final Path reportsDir;

	private final JobSessions sessions;

	RunReport(RunOutcomes outcomes, JobSessions sessions, KaptaProperties properties) {
		this.outcomes = outcomes;
		this.sessions = sessions;
		this.reportsDir = properties.reportsDir();
	}

	/**
	 * A job's report step: the run's totals into the job's summary lines, the API calls
	 * this execution made, the xlsx report, and the summary and the report's path kept in
	 * the job execution for whoever launched it.
	 */
	public Step step(String name, JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JobReport report) {
		return TaskletSteps.step(name, jobRepository, transactionManager, (contribution, chunkContext) -> {
			JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
			long run = job.getJobInstance().getInstanceId();
			Map<String, String> lines = new LinkedHashMap<>(report.summary(job, new RunTotals(this.outcomes, run)));
			lines.put(RunSummary.API_CALLS, RunSummary.calls(this.sessions.client(job).calls()));
			Path file = report.file(job).orElseGet(() -> defaultPath(report.name(), run));
			write(file, run, lines, report.details());
			RunSummary.store(job, lines, file);
			return RepeatStatus.FINISHED;
		});
	}

	/**
	 * What the details sheet lists.
	 *
	 * @param itemHeader the item column's header, e.g. {@code Email}
	 * @param outcomes the outcomes to list
	 * @param sheetRows whether a first column gives the spreadsheet row each outcome
	 * comes from
	 */
	public record Details(String itemHeader, Set<? extends Enum<?>> outcomes, boolean sheetRows) {
	}

	/**
	 * Where a run's report goes by default:
	 * {@code jobs/reports/<name>-<timestamp>-<run>.xlsx}.
	 */
	private Path defaultPath(String job, long jobInstanceId) {
		return this.reportsDir.resolve(job + "-" + STAMP.format(LocalDateTime.now()) + "-" + jobInstanceId + ".xlsx");
	}

	private Path write(Path report, long jobInstanceId, Map<String, String> summary, Details details) {
		Path folder = report.toAbsolutePath().getParent();
		try (WorkbookWriter workbook = new WorkbookWriter()) {
			Files.createDirectories(folder);
			WorkbookWriter.Sheet summarySheet = workbook.sheet("Summary",
					List.of(Column.unnamed(30), Column.unnamed(60)));
			summary.forEach(summarySheet::add);
			List<Column> columns = new ArrayList<>();
			if (details.sheetRows()) {
				columns.add(new Column("Sheet row", 10));
			}
			columns.addAll(
					List.of(new Column(details.itemHeader(), 40), new Column("Outcome", 28), new Column("Reason", 80)));
			WorkbookWriter.Sheet items = workbook.sheet("Details", columns);
			this.outcomes.forEach(jobInstanceId, details.outcomes(), (outcome) -> {
				List<Object> values = new ArrayList<>(4);
				if (details.sheetRows()) {
					values.add(outcome.sheetRow());
				}
				values.addAll(Arrays.asList(outcome.item(), outcome.outcome(),
						(outcome.detail() != null) ? outcome.detail() : ""));
				items.add(values);
			});
			if (items.leftOut() > 0) {
				// the summary sheet is still in memory: SXSSF keeps a sheet's last 100
				// rows
				summarySheet.add("Details left out", items.leftOut() + " more than a sheet holds");
			}
			workbook.write(report);
			return report;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the report in " + folder + ": " + ex.getMessage(), ex);
		}
	}

}
