package com.kapta.mailchimp.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.importing.ImportLauncher;
import com.kapta.mailchimp.importing.ImportParameters;

/**
 * Import Mailchimp Contacts and Tags: one file, or every file waiting in the drop folder.
 */
@Command(name = "import", description = "Imports Mailchimp Contacts and Tags from xlsx workbooks "
		+ "(one FILE, or every file waiting in jobs/import/).")
class ImportCommand extends JobCommand {

	@Parameters(arity = "0..1", paramLabel = "FILE.xlsx",
			description = "The workbook to import (default: the files waiting in jobs/import/).")
	Path file;

	@Option(names = "--dry-run",
			description = "Read the whole file and report what would change; change and move nothing.")
	boolean dryRun;

	@Option(names = "--restart", description = "Resume the last import that failed, was stopped or was killed.")
	boolean restart;

	@Override
	public Integer call() {
		ImportLauncher launcher = bean(ImportLauncher.class);
		if (this.restart) {
			if (this.file != null || this.dryRun) {
				throw new InvalidInputException(
						"--restart resumes the last import with its own file; give no FILE or --dry-run");
			}
			return report(launcher.restart());
		}
		if (this.file != null) {
			return report(launcher.launch(this.file, this.dryRun));
		}
		out().println("Looking for files in " + launcher.inbox() + " …");
		int[] failed = { 0 };
		List<JobExecution> runs = launcher.launchWaiting(this.dryRun, (execution) -> {
			try {
				report(execution);
			}
			catch (KaptaException ex) {
				failed[0]++;
				out().println("  " + ex.getMessage());
			}
		});
		if (runs.isEmpty()) {
			out().println("No files are waiting in " + launcher.inbox() + ".");
		}
		if (failed[0] > 0) {
			throw new KaptaException(failed[0] + " of " + runs.size()
					+ " files could not be imported; their reasons are in " + launcher.inbox().resolve("failed"));
		}
		return KaptaCli.OK;
	}

	private Integer report(JobExecution execution) {
		Optional<Path> nowAt = ImportLauncher.fileNowAt(execution);
		nowAt.ifPresent((path) -> out().println("  File now in: " + path));
		if (execution.getStatus() == BatchStatus.FAILED && nowAt.isPresent()) {
			throw new KaptaException("import of " + ImportParameters.of(execution.getJobParameters()).name()
					+ " failed: " + ImportLauncher.failureReason(execution));
		}
		return finish(execution);
	}

}
