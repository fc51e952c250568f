package com.kapta.mailchimp.importing;

import java.nio.file.Path;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import com.kapta.mailchimp.Causes;
import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.workbook.UnreadableFileException;

/**
 * Moves an imported file along: back into {@code processing/} when a failed run restarts,
 * to {@code processed/} when its run completes, to {@code failed/} with the reason when
 * it fails. A stopped or killed run leaves it in {@code processing/}, where its restart
 * reads it. Dry runs move nothing.
 */
class ImportFileMover implements JobExecutionListener {

	/** Where the file is once the run ended, for whoever launched it. */
	static final String NOW_AT = "import.fileNowAt";

	private static final String RESUME = " Once the cause is fixed, resume it with './run.sh import --restart'.";

	private final ImportFolder folder;

	ImportFileMover(ImportFolder folder) {
		this.folder = folder;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		if (!dryRun(execution)) {
			this.folder.reclaim(file(execution));
		}
	}

	@Override
	public void afterJob(JobExecution execution) {
		if (dryRun(execution)) {
			return;
		}
		Path file = file(execution);
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			execution.getExecutionContext().putString(NOW_AT, this.folder.processed(file).toString());
		}
		else if (execution.getStatus() == BatchStatus.FAILED) {
			execution.getExecutionContext().putString(NOW_AT, this.folder.failed(file, reason(execution)).toString());
		}
	}

	/**
	 * The failure in one sentence: ours when we know it (an unreadable file, the skip
	 * limit, Mailchimp's words).
	 */
	static String reason(JobExecution execution) {
		for (Throwable failure : execution.getAllFailureExceptions()) {
			for (Throwable t : Causes.chain(failure).toList()) {
				if (t instanceof UnreadableFileException || t instanceof SkipLimitExceededException) {
					return t.getMessage();
				}
				if (t instanceof KaptaException known) {
					return known.getMessage() + (known.getMessage().endsWith(".") ? "" : ".") + RESUME;
				}
			}
		}
		return execution.getAllFailureExceptions()
			.stream()
			.findFirst()
			.map((failure) -> "The import failed (" + failure.getMessage() + ")." + RESUME)
			.orElse("The import failed." + RESUME);
	}

	private static Path file(JobExecution execution) {
		return ImportParameters.of(execution.getJobParameters()).file();
	}

	private static boolean dryRun(JobExecution execution) {
		return ImportParameters.of(execution.getJobParameters()).dryRun();
	}

}
