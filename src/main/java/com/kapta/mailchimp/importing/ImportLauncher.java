package com.kapta.mailchimp.importing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.batch.JobRunner;
import com.kapta.mailchimp.batch.NewMemberParameter;
import com.kapta.mailchimp.settings.SettingsService;

/**
 * Launches imports: of one file, of the files waiting in the drop folder, and the restart
 * of the last one.
 */
@Component
public class ImportLauncher {

	private final Job importJob;

	private final JobRunner runner;

	private final SettingsService settings;

	private final ImportFolder folder;

	private final ImportProperties properties;

	ImportLauncher(@Qualifier("importJob") Job importJob, JobRunner runner, SettingsService settings,
			ImportFolder folder, ImportProperties properties) {
		this.importJob = importJob;
		this.runner = runner;
		this.settings = settings;
		this.folder = folder;
		this.properties = properties;
	}

	/**
	 * Imports one file. It is taken into {@code processing/} first (a file elsewhere is
	 * copied, one in the drop folder moved); a dry run reads it where it is and moves
	 * nothing.
	 */
	public JobExecution launch(Path file, boolean dryRun) {
		var usable = this.settings.requireUsable();
		if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
			throw new InvalidInputException("Cannot import " + file + ": no such readable file");
		}
		String name = file.getFileName().toString();
		if (dryRun) {
			return this.runner.run(this.importJob, NewMemberParameter.with(
					ImportParameters.launch(file.toAbsolutePath().normalize(), name, true).toJobParameters(), usable));
		}
		Path taken = this.folder.take(file);
		try {
			return this.runner.run(this.importJob,
					NewMemberParameter.with(ImportParameters.launch(taken, name, false).toJobParameters(), usable));
		}
		catch (KaptaException ex) {
			// the run did not start (another import is running): the file waits again
			this.folder.giveBack(taken, file);
			throw ex;
		}
	}

	/**
	 * Imports a file that {@code arrive} makes (an upload copied in) only once the
	 * import's lock is held: a refused import copies nothing and leaves nothing behind.
	 * The file is then taken as {@link #launch} takes one; the caller removes what
	 * {@code arrive} made once this returns.
	 */
	public JobExecution launchArriving(Supplier<Path> arrive, boolean dryRun) {
		var usable = this.settings.requireUsable();
		var arrived = new AtomicReference<Path>();
		var taken = new AtomicReference<Path>();
		try {
			return this.runner.run(this.importJob, () -> {
				Path file = arrive.get();
				String name = file.getFileName().toString();
				arrived.set(file);
				taken.set(dryRun ? null : this.folder.take(file));
				return NewMemberParameter.with(
						ImportParameters.launch(dryRun ? file.toAbsolutePath().normalize() : taken.get(), name, dryRun)
							.toJobParameters(),
						usable);
			});
		}
		catch (KaptaException ex) {
			if (taken.get() != null) {
				// the run did not start after all: the copy goes (the upload is not in
				// the drop folder)
				this.folder.giveBack(taken.get(), arrived.get());
			}
			throw ex;
		}
	}

	/**
	 * Imports every file waiting in the drop folder, one after the other, each once it
	 * has stopped changing for {@code kapta.import.settle-time}.
	 */
	public List<JobExecution> launchWaiting(boolean dryRun, Consumer<JobExecution> each) {
		this.settings.requireUsable();
		List<JobExecution> executions = new ArrayList<>();
		for (Path file : this.folder.waiting()) {
			if (settled(file)) {
				JobExecution execution = launch(file, dryRun);
				executions.add(execution);
				each.accept(execution);
			}
		}
		return executions;
	}

	/** The drop folder. */
	public Path inbox() {
		return this.folder.inbox();
	}

	/**
	 * Where the run's file is once it ended: in processed/ or failed/ (nothing for a dry
	 * or a stopped run).
	 */
	public static Optional<Path> fileNowAt(JobExecution execution) {
		return Optional.ofNullable(execution.getExecutionContext().getString(ImportFileMover.NOW_AT, null))
			.map(Path::of);
	}

	/**
	 * Why the run failed, in one sentence (with how to resume it when a restart can
	 * help).
	 */
	public static String failureReason(JobExecution execution) {
		return ImportFileMover.reason(execution);
	}

	/** Resumes the last import that did not complete, with the file it had taken. */
	public JobExecution restart() {
		this.settings.requireUsable();
		return this.runner.restartLast(this.importJob);
	}

	/**
	 * Waits until the file's size and modification time hold still for the settle time;
	 * false if it vanished.
	 */
	private boolean settled(Path file) {
		try {
			Snapshot before = Snapshot.of(file);
			while (true) {
				long age = System.currentTimeMillis() - before.modified().toMillis();
				long wait = this.properties.settleTime().toMillis() - age;
				if (wait > 0) {
					Thread.sleep(wait);
				}
				Snapshot now = Snapshot.of(file);
				if (now.equals(before) && wait <= 0) {
					return true;
				}
				before = now;
			}
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * A file's size and modification time: unchanged between two looks means it is
	 * complete.
	 */
	public record Snapshot(long size, FileTime modified) {

		public static Snapshot of(Path file) throws IOException {
			return new Snapshot(Files.size(file), Files.getLastModifiedTime(file));
		}

	}

}
