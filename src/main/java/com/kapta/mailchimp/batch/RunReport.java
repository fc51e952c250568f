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
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.mailchimp.ApiCalls;

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

	RunReport(RunOutcomes outcomes, KaptaProperties properties) {
		this.outcomes = outcomes;
		this.reportsDir = properties.reportsDir();
	}

	/**
	 * Ends a run: adds the API calls this execution made to its summary, writes the
	 * report and keeps both in the job execution for whoever launched it.
	 */
	public void complete(JobExecution execution, String name, Map<String, String> summary, ApiCalls calls,
			String itemHeader, List<String> outcomes) {
		long run = execution.getJobInstance().getInstanceId();
		complete(execution, defaultPath(name, run), summary, calls, new Details(itemHeader, outcomes, false));
	}

	/**
	 * Ends a run like
	 * {@link #complete(JobExecution, String, Map, ApiCalls, String, List)}, into this
	 * file.
	 */
	public void complete(JobExecution execution, Path report, Map<String, String> summary, ApiCalls calls,
			Details details) {
		Map<String, String> lines = new LinkedHashMap<>(summary);
		lines.put("API calls (this execution)", RunSummary.calls(calls));
		write(report, execution.getJobInstance().getInstanceId(), lines, details);
		RunSummary.store(execution, lines, report);
	}

	/**
	 * What the details sheet lists.
	 *
	 * @param itemHeader the item column's header, e.g. {@code Email}
	 * @param outcomes the outcomes to list
	 * @param sheetRows whether a first column gives the spreadsheet row each outcome
	 * comes from
	 */
	public record Details(String itemHeader, List<String> outcomes, boolean sheetRows) {
	}

	/**
	 * Writes {@code <name>-<timestamp>-<run>.xlsx} and returns its path.
	 * @param job the report's name, e.g. {@code upload}
	 * @param jobInstanceId the run
	 * @param summary label → value lines for the summary sheet
	 * @param itemHeader the first column's header of the items sheet, e.g. {@code Email}
	 * @param outcomes the outcomes to list
	 */
	public Path write(String job, long jobInstanceId, Map<String, String> summary, String itemHeader,
			List<String> outcomes) {
		return write(defaultPath(job, jobInstanceId), jobInstanceId, summary, new Details(itemHeader, outcomes, false));
	}

	/**
	 * Where a run's report goes by default:
	 * {@code jobs/reports/<name>-<timestamp>-<run>.xlsx}.
	 */
	public Path defaultPath(String job, long jobInstanceId) {
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
				try (OutputStream out = Files.newOutputStream(tmp)) {
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
