package com.kapta.mailchimp.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import com.kapta.mailchimp.FileModes;
import com.kapta.mailchimp.KaptaProperties;

/**
 * Writes a run's xlsx report under {@code jobs/reports}: a summary sheet, and one row per
 * item whose outcome is worth a look. Streamed (SXSSF), so a million rows need no more
 * heap than ten; written to a temporary name and renamed, so a report that exists is
 * complete.
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
		try {
			Files.createDirectories(folder);
			Path tmp = folder.resolve("." + report.getFileName() + ".tmp");
			try (var workbook = new SXSSFWorkbook(100)) {
				CellStyle bold = workbook.createCellStyle();
				Font font = workbook.createFont();
				font.setBold(true);
				bold.setFont(font);
				SXSSFSheet summarySheet = workbook.createSheet("Summary");
				int rowNumber = 0;
				for (Map.Entry<String, String> line : summary.entrySet()) {
					Row row = summarySheet.createRow(rowNumber++);
					row.createCell(0).setCellValue(line.getKey());
					row.createCell(1).setCellValue(line.getValue());
				}
				summarySheet.setColumnWidth(0, 30 * 256);
				summarySheet.setColumnWidth(1, 60 * 256);
				SXSSFSheet items = workbook.createSheet("Details");
				int first = details.sheetRows() ? 1 : 0;
				if (details.sheetRows()) {
					header(items.createRow(0), bold, "Sheet row", details.itemHeader(), "Outcome", "Reason");
					items.setColumnWidth(0, 10 * 256);
				}
				else {
					header(items.createRow(0), bold, details.itemHeader(), "Outcome", "Reason");
				}
				items.createFreezePane(0, 1);
				items.setColumnWidth(first, 40 * 256);
				items.setColumnWidth(first + 1, 28 * 256);
				items.setColumnWidth(first + 2, 80 * 256);
				int[] next = { 1 };
				this.outcomes.forEach(jobInstanceId, details.outcomes(), (outcome) -> {
					Row row = items.createRow(next[0]++);
					if (details.sheetRows() && outcome.sheetRow() != null) {
						row.createCell(0).setCellValue(outcome.sheetRow());
					}
					row.createCell(first).setCellValue(outcome.item());
					row.createCell(first + 1).setCellValue(outcome.outcome());
					row.createCell(first + 2).setCellValue(outcome.detail() == null ? "" : outcome.detail());
				});
				Files.deleteIfExists(tmp);
				try (OutputStream out = Files.newOutputStream(FileModes.createShared(tmp))) {
					workbook.write(out);
				}
				Files.move(tmp, report, StandardCopyOption.ATOMIC_MOVE);
			}
			finally {
				// left only when writing failed: a report that exists is complete
				Files.deleteIfExists(tmp);
			}
			return report;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the report in " + folder + ": " + ex.getMessage(), ex);
		}
	}

	private static void header(Row row, CellStyle style, String... names) {
		for (int i = 0; i < names.length; i++) {
			var cell = row.createCell(i);
			cell.setCellValue(names[i]);
			cell.setCellStyle(style);
		}
	}

}
