package com.kapta.mailchimp.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

import com.kapta.mailchimp.FileModes;
import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.KaptaProperties;

/**
 * Makes sure the data folder exists and is writable before anything writes there (the log
 * file is the first), so an unusable folder gets one clear line instead of a logging or
 * database stack trace; and lays out the jobs folder as docs/operations.md documents it,
 * so that on a new install the data team has an import folder to drop files into before
 * any import has run. Registered in {@code META-INF/spring.factories} because it must run
 * before the context exists.
 */
public class DataDirectoryCheck implements ApplicationListener<SpringApplicationEvent>, Ordered {

	/** The jobs folder's layout (docs/operations.md, "Folders"). */
	static final List<String> JOB_FOLDERS = List.of("import/processing", "import/processed", "import/failed", "export",
			"reports");

	@Override
	public void onApplicationEvent(SpringApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			prepare(Binder.get(prepared.getEnvironment()).bindOrCreate("kapta", KaptaProperties.class));
		}
		else if (event instanceof ApplicationReadyEvent ready) {
			// what the database and the logging made meanwhile, under whatever umask
			KaptaProperties properties = ready.getApplicationContext().getBean(KaptaProperties.class);
			tighten(properties.dataDir().toAbsolutePath().normalize(), FileModes.Sharing.OWNER);
		}
	}

	private static void prepare(KaptaProperties properties) {
		Path dir = properties.dataDir().toAbsolutePath().normalize();
		try {
			Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new InvalidInputException("The data folder " + dir + " cannot be created (a file is in the way or "
					+ "permission is denied); set KAPTA_DATA_DIR to a writable folder");
		}
		if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
			throw new InvalidInputException(
					"The data folder " + dir + " is not writable; set KAPTA_DATA_DIR to a writable folder");
		}
		Path jobs = properties.jobsDir().toAbsolutePath().normalize();
		try {
			for (String folder : JOB_FOLDERS) {
				Files.createDirectories(jobs.resolve(folder));
			}
		}
		catch (IOException ex) {
			throw new InvalidInputException("The jobs folder " + jobs + " cannot be laid out (a file is in the way or "
					+ "permission is denied); set KAPTA_JOBS_DIR to a writable folder");
		}
		tighten(dir, FileModes.Sharing.OWNER);
		tighten(jobs, FileModes.Sharing.GROUP);
	}

	/**
	 * Files readable by more than their sharing allows are tightened on every start
	 * ({@link FileModes}); one that cannot be is no reason to refuse to start.
	 */
	private static void tighten(Path folder, FileModes.Sharing sharing) {
		try {
			FileModes.tighten(folder, sharing);
		}
		catch (IOException | UncheckedIOException ex) {
			System.err.println("Warning: cannot tighten the modes of " + folder + ": " + ex.getMessage());
		}
	}

	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER - 1;
	}

}
