package com.kapta.mailchimp.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.contact.ContactCsvLoader;
import com.kapta.mailchimp.database.EmptyDatabase;
import com.kapta.mailchimp.export.ExportLauncher;
import com.kapta.mailchimp.importing.ImportLauncher;
import com.kapta.mailchimp.sandbox.SandboxProcess;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.tagdownload.DownloadLauncher;
import com.kapta.mailchimp.upload.UploadLauncher;
import com.kapta.mailchimp.workbook.ContactColumns;
import com.kapta.mailchimp.workbook.WorkbookWriter;
import com.kapta.mailchimp.workbook.WorkbookWriter.Column;

/**
 * Measures the jobs end to end in a home of its own against the sandbox (in a JVM of its
 * own, so the heap figure is Kapta's), one after the other on the same audience: upload N
 * new contacts with T launch tags, download the N members' tags, export them, import a
 * workbook of the N contacts in which one tag cell in three says N (removals in every
 * chunk). A job not asked for still runs when a later one needs its work, without a line.
 */
@Component
public class Benchmark {

	/** The jobs, in the order they run. */
	public static final List<String> JOBS = List.of("upload", "download", "export", "import");

	private final SettingsService settings;

	private final ContactCsvLoader loader;

	private final UploadLauncher upload;

	private final DownloadLauncher download;

	private final ExportLauncher export;

	private final ImportLauncher importer;

	private final KaptaProperties properties;

	private final EmptyDatabase emptyDatabase;

	Benchmark(SettingsService settings, ContactCsvLoader loader, UploadLauncher upload, DownloadLauncher download,
			ExportLauncher export, ImportLauncher importer, KaptaProperties properties, EmptyDatabase emptyDatabase) {
		this.emptyDatabase = emptyDatabase;
		this.settings = settings;
		this.loader = loader;
		this.upload = upload;
		this.download = download;
		this.export = export;
		this.importer = importer;
		this.properties = properties;
	}

	/**
	 * Runs the jobs up to the last one asked for and prints a line for each one asked
	 * for.
	 */
	public List<BenchFigures> run(Set<String> asked, int contacts, int latencyMs, int tagCount, PrintWriter out)
			throws IOException {
		List<String> tags = new ArrayList<>();
		for (int t = 1; t <= tagCount; t++) {
			tags.add("Tag " + t);
		}
		this.emptyDatabase.require("the bench");
		int last = JOBS.stream().filter(asked::contains).mapToInt(JOBS::indexOf).max().orElse(-1);
		List<BenchFigures> figures = new ArrayList<>();
		Path work = Files.createDirectories(this.properties.jobsDir().resolve("bench"));
		try (SandboxProcess sandbox = SandboxProcess.start(latencyMs, List.of(), work.resolve("sandbox"))) {
			// loaded while the integration is off: nothing is queued for the push
			this.settings.save(new SettingsChange(false, sandbox.baseUrl(), sandbox.apiKey(), "Kapta Contacts"));
			this.loader.load(contactsCsv(work.resolve("contacts.csv"), contacts));
			this.settings.save(new SettingsChange(true, null, null, null));
			long chunks = (contacts + 499) / 500;
			measure(asked, "upload", contacts, latencyMs, chunks * (1 + tagCount) + tagCount, figures, out,
					() -> this.upload.launch(tags, false));
			if (last >= 1) {
				measure(asked, "download", contacts, latencyMs, (contacts + 999) / 1000, figures, out,
						() -> this.download.launch(false));
			}
			if (last >= 2) {
				Path exported = work.resolve("export.xlsx");
				measure(asked, "export", contacts, latencyMs, 1, figures, out, () -> exportTo(exported));
			}
			if (last >= 3) {
				Path workbook = work.resolve("import.xlsx");
				long minCalls = importWorkbook(workbook, contacts, tags);
				measure(asked, "import", contacts, latencyMs, minCalls, figures, out,
						() -> this.importer.launch(workbook, false));
			}
		}
		return figures;
	}

	private void measure(Set<String> asked, String job, long items, int latencyMs, long minCalls,
			List<BenchFigures> figures, PrintWriter out, Supplier<JobExecution> run) {
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
		long start = System.nanoTime();
		JobExecution execution = run.get();
		double wall = (System.nanoTime() - start) / 1e9;
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			throw new KaptaException("The benchmark's " + job + " ended " + execution.getStatus());
		}
		if (asked.contains(job)) {
			long calls = Long
				.parseLong(RunSummary.lines(execution).getOrDefault(RunSummary.API_CALLS, "0").split(" ")[0]);
			BenchFigures line = new BenchFigures(job, items, calls, minCalls, wall, latencyMs, peakHeapMb());
			figures.add(line);
			out.println(line.line());
			out.flush();
		}
	}

	private JobExecution exportTo(Path target) {
		try {
			return this.export.launch(target, false);
		}
		catch (IOException ex) {
			throw new KaptaException("The benchmark's export could not start: " + ex.getMessage(), ex);
		}
	}

	/** N contacts without tags, as the CSV load reads them. */
	static Path contactsCsv(Path file, int contacts) throws IOException {
		try (BufferedWriter csv = Files.newBufferedWriter(file)) {
			csv.write("email,first_name,last_name,tags\n");
			for (int i = 1; i <= contacts; i++) {
				csv.write("person" + i + "@example.com,First" + i + ",Last" + i + ",\n");
			}
		}
		return file;
	}

	/**
	 * The data team's workbook for the import: every contact, each tag column {@code N}
	 * on one row in three (a removal: the upload gave every contact every tag) and
	 * {@code Y} otherwise (already so: no call). Returns the bulk minimum: per tag its
	 * removals in calls of 500.
	 */
	private static long importWorkbook(Path file, int contacts, List<String> tags) throws IOException {
		long[] removals = new long[tags.size()];
		List<Column> columns = new ArrayList<>(List.of(new Column(ContactColumns.EMAIL, 36)));
		tags.forEach((tag) -> columns.add(new Column(tag, 12)));
		try (WorkbookWriter workbook = new WorkbookWriter()) {
			WorkbookWriter.Sheet sheet = workbook.sheet(ContactColumns.SHEET, columns);
			for (int r = 1; r <= contacts; r++) {
				List<String> values = new ArrayList<>(1 + tags.size());
				values.add("person" + r + "@example.com");
				for (int t = 0; t < tags.size(); t++) {
					boolean remove = (r + t) % 3 == 0;
					removals[t] += remove ? 1 : 0;
					values.add(ContactColumns.cell(!remove));
				}
				sheet.add(values);
			}
			workbook.write(file);
		}
		long minCalls = 0;
		for (long n : removals) {
			minCalls += (n + 499) / 500;
		}
		return minCalls;
	}

	private static long peakHeapMb() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.mapToLong((pool) -> pool.getPeakUsage().getUsed())
			.sum() / (1024 * 1024);
	}

}
