package com.kapta.mailchimp.importing;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.kapta.mailchimp.TestHomes;
import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.sandbox.SandboxProcess;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.upload.UploadBenchmark;

/**
 * Figures for the README, not a test: runs only with {@code -Dkapta.bench=true} and
 * asserts nothing. A workbook of new contacts, each row asking for some of the tag
 * columns ({@code Y} on one row in three, so every chunk has changes for every tag),
 * imported into an empty Kapta and audience; then the same file read by openpyxl in
 * read-only mode, for comparison. The sandbox runs in a JVM of its own, so the heap
 * figure is the import's. <pre>
 * mvn -B -q test -Dtest=ImportBenchmark -Dkapta.bench=true -Dbench.rows=100000 -Dbench.latency=100 -Dbench.tags=10 -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx256m
 * </pre>
 */
@EnabledIfSystemProperty(named = "kapta.bench", matches = "true")
@SpringBootTest(properties = { "kapta.data-dir=target/test-homes/ImportBenchmark/data",
		"kapta.jobs-dir=target/test-homes/ImportBenchmark/jobs" })
class ImportBenchmark {

	static {
		TestHomes.reset("ImportBenchmark");
	}

	@Autowired
	ImportLauncher importer;

	@Autowired
	SettingsService settings;

	@Test
	void importRows() throws Exception {
		int rows = Integer.getInteger("bench.rows", 10_000);
		int latency = Integer.getInteger("bench.latency", 100);
		int tagCount = Integer.getInteger("bench.tags", 10);
		List<String> tags = new ArrayList<>();
		for (int t = 0; t < tagCount; t++) {
			tags.add("Tag " + t);
		}
		Path file = Path.of("target/test-homes/ImportBenchmark/contacts.xlsx").toAbsolutePath();
		write(file, rows, tags);
		System.out.printf("bench file rows=%d tag_columns=%d size_mb=%.1f%n", rows, tagCount, Files.size(file) / 1e6);

		try (SandboxProcess sandbox = SandboxProcess.start(latency, tags, file.getParent().resolve("sandbox"))) {
			this.settings.save(new SettingsChange(true, sandbox.baseUrl(), sandbox.apiKey(), "Kapta Contacts"));
			java.lang.management.ManagementFactory.getMemoryPoolMXBeans()
				.forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
			long start = System.nanoTime();
			JobExecution run = this.importer.launch(file, false);
			double wall = (System.nanoTime() - start) / 1e9;
			long calls = Long.parseLong(RunSummary.lines(run).get("API calls (this execution)").split(" ")[0]);
			// the bulk minimum as the issue counts it: per 500 rows one batch subscribe
			// and one segment call per tag with changes (all rows are new, every tag has
			// additions in every 500 rows)
			long groups = (rows + 499) / 500;
			long minCalls = groups * (1 + tagCount);
			// and packed as tightly as the file allows: all new members, then each tag's
			// additions, by 500
			long packed = groups;
			for (int t = 0; t < tagCount; t++) {
				int tag = t;
				packed += (java.util.stream.IntStream.rangeClosed(1, rows).filter((r) -> (r + tag) % 3 == 0).count()
						+ 499) / 500;
			}
			double bound = calls * latency / 10.0 / 1000;
			System.out.printf(
					"bench job=import items=%d calls=%d min_calls=%d packed_min_calls=%d wall_s=%.1f bound_s=%.1f ratio=%.2f peak_heap_mb=%d status=%s max_heap_mb=%d%n",
					rows, calls, minCalls, packed, wall, bound, wall / bound, UploadBenchmark.peakHeapMb(),
					run.getStatus(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
			run.getStepExecutions()
				.forEach((step) -> System.out.printf("bench step %s %.1f s%n", step.getStepName(),
						Duration.between(step.getStartTime(), step.getEndTime()).toMillis() / 1000.0));
		}
		Path processed = Files.list(file.getParent().resolve("jobs/import/processed"))
			.filter((p) -> p.toString().endsWith("contacts.xlsx"))
			.findFirst()
			.orElseThrow();
		readRates(processed, rows);
	}

	/**
	 * Rows per second reading the same file: our reader alone, and openpyxl's read-only
	 * mode.
	 */
	private static void readRates(Path file, int rows) throws Exception {
		long start = System.nanoTime();
		int read = 0;
		try (ImportSheet sheet = ImportSheet.open(file, Long.MAX_VALUE)) {
			while (sheet.next() != null) {
				read++;
			}
		}
		double ours = (System.nanoTime() - start) / 1e9;
		System.out.printf("bench read kapta rows=%d s=%.1f rows_per_s=%.0f%n", read, ours, read / ours);
		String script = "import sys, time, openpyxl\n" + "t = time.time()\n"
				+ "wb = openpyxl.load_workbook(sys.argv[1], read_only=True)\n"
				+ "n = sum(1 for row in wb.worksheets[0].iter_rows(values_only=True)) - 1\n" + "s = time.time() - t\n"
				+ "print('bench read openpyxl rows=%d s=%.1f rows_per_s=%.0f' % (n, s, n / s))\n";
		try {
			Process python = new ProcessBuilder("/usr/bin/python3", "-c", script, file.toString())
				.redirectErrorStream(true)
				.start();
			String out = new String(python.getInputStream().readAllBytes()).strip();
			python.waitFor(30, TimeUnit.MINUTES);
			System.out.println(python.exitValue() == 0 ? out
					: "bench read openpyxl unavailable: " + out.lines().reduce((a, b) -> b).orElse(""));
		}
		catch (java.io.IOException ex) {
			System.out.println("bench read openpyxl unavailable: " + ex.getMessage());
		}
	}

	private static void write(Path file, int rows, List<String> tags) throws Exception {
		Files.createDirectories(file.getParent());
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
			SXSSFSheet sheet = workbook.createSheet("Mailchimp Contacts and Tags");
			Row header = sheet.createRow(0);
			List<String> columns = new ArrayList<>(
					List.of("Email Address", "First Name", "Last Name", "Mailchimp Status"));
			columns.addAll(tags);
			for (int c = 0; c < columns.size(); c++) {
				header.createCell(c).setCellValue(columns.get(c));
			}
			for (int r = 1; r <= rows; r++) {
				Row row = sheet.createRow(r);
				row.createCell(0).setCellValue("person" + r + "@example.com");
				row.createCell(1).setCellValue("First" + r);
				row.createCell(2).setCellValue("Last" + r);
				row.createCell(3).setCellValue("not on Mailchimp");
				for (int t = 0; t < tags.size(); t++) {
					row.createCell(4 + t).setCellValue(((r + t) % 3 == 0) ? "Y" : "N");
				}
			}
			try (OutputStream out = Files.newOutputStream(file)) {
				workbook.write(out);
			}
		}
	}

}
