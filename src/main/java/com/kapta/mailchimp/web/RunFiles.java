package com.kapta.mailchimp.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import com.kapta.mailchimp.KaptaJob;
import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.export.ExportLauncher;

/**
 * The files a run leaves for the user, to download: its report, and an export's workbook.
 * Only a file inside the jobs folder is ever served.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class RunFiles {

	private static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	private final Path jobsDir;

	RunFiles(KaptaProperties properties) {
		this.jobsDir = properties.jobsDir().toAbsolutePath().normalize();
	}

	public Optional<Path> report(JobExecution run) {
		return RunSummary.report(run).flatMap(this::inJobsFolder);
	}

	/** A completed export's workbook. */
	public Optional<Path> workbook(JobExecution run) {
		if (!run.getJobInstance().getJobName().equals(KaptaJob.EXPORT.jobName()) || run.isRunning()) {
			return Optional.empty();
		}
		return inJobsFolder(ExportLauncher.workbookOf(run));
	}

	public ResponseEntity<Resource> download(Optional<Path> file, String what) {
		Path path = file
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "This run has no " + what));
		return ResponseEntity.ok()
			.contentType(XLSX)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(path.getFileName().toString()).build().toString())
			.body(new FileSystemResource(path));
	}

	/**
	 * The file, if it really is inside the jobs folder: a plain file, its real path
	 * (links resolved, the jobs folder's own included) under the jobs folder's. A link
	 * put there, or a report replaced by one, could otherwise serve the API key or the
	 * database.
	 */
	private Optional<Path> inJobsFolder(Path path) {
		Path file = path.toAbsolutePath().normalize();
		try {
			if (!file.startsWith(this.jobsDir) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
				return Optional.empty();
			}
			Path real = file.toRealPath();
			return real.startsWith(this.jobsDir.toRealPath()) ? Optional.of(real) : Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

}
