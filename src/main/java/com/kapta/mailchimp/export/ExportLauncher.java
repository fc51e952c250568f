package com.kapta.mailchimp.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.batch.JobRunner;

/** Launches the export; each launch is a run of its own. */
@Component
public class ExportLauncher {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

	private final Job export;

	private final JobRunner runner;

	private final KaptaProperties properties;

	ExportLauncher(@Qualifier("export") Job export, JobRunner runner, KaptaProperties properties) {
		this.export = export;
		this.runner = runner;
		this.properties = properties;
	}

	/** Exports to {@code out} (or the jobs folder), without the History sheet. */
	public JobExecution launch(@Nullable Path out) throws IOException {
		return launch(out, false);
	}

	/**
	 * Exports to {@code out}, or to
	 * {@code jobs/export/mailchimp-contacts-and-tags-<time>.xlsx}; with a History sheet
	 * of the contacts' changes if asked.
	 */
	public JobExecution launch(@Nullable Path out, boolean withHistory) throws IOException {
		Path target = (out != null) ? out.toAbsolutePath().normalize() : defaultTarget();
		Path folder = target.getParent();
		if (folder == null || !Files.isDirectory(folder) || !Files.isWritable(folder)) {
			throw new InvalidInputException(
					"Cannot write " + target + ": the folder " + folder + " does not exist or is not writable");
		}
		if (Files.isDirectory(target)) {
			throw new InvalidInputException("Cannot write " + target + ": it is a folder");
		}
		return this.runner.runRecovered(this.export,
				new ExportParameters(target, withHistory, Instant.now()).toJobParameters());
	}

	private Path defaultTarget() throws IOException {
		Path folder = Files.createDirectories(this.properties.jobsDir().resolve("export").toAbsolutePath().normalize());
		return folder.resolve(ContactWorkbook.DEFAULT_PREFIX + STAMP.format(LocalDateTime.now()) + ".xlsx");
	}

	/** Exports into {@code jobs/export/}, as the console's and the API's Export do. */
	public JobExecution launchIntoJobsFolder(boolean withHistory) {
		try {
			return launch(null, withHistory);
		}
		catch (IOException ex) {
			throw new KaptaException("Cannot write into the export folder: " + ex.getMessage(), ex);
		}
	}

	/** The workbook an export run writes. */
	public static Path workbookOf(JobExecution execution) {
		return ExportParameters.of(execution.getJobParameters()).out();
	}

}
