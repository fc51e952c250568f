package com.kapta.mailchimp.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.multipart.MultipartFile;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.batch.BackgroundLaunches;
import com.kapta.mailchimp.importing.ImportLauncher;

/**
 * A workbook uploaded for import, from the console or the API: kept in a folder of its
 * own under {@code data/uploads} (the drop folder's watch never sees it) under its own
 * name made safe, then imported exactly as a dropped file is (taken into
 * {@code processing/}, then {@code processed/} or {@code failed/} with its report or
 * reason), and the upload removed once the run has ended.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class Uploads {

	private static final Logger log = LoggerFactory.getLogger(Uploads.class);

	private final Path folder;

	private final ImportLauncher importer;

	private final BackgroundLaunches launches;

	Uploads(KaptaProperties properties, ImportLauncher importer, BackgroundLaunches launches) {
		this.folder = properties.dataDir().resolve("uploads").toAbsolutePath().normalize();
		this.importer = importer;
		this.launches = launches;
	}

	/** Starts the import of the uploaded workbook and returns its run once it exists. */
	public JobExecution importWorkbook(@Nullable MultipartFile upload, boolean dryRun) {
		if (upload == null || upload.isEmpty()) {
			throw new InvalidInputException("Choose a workbook (.xlsx) to import");
		}
		String name = safeName(upload.getOriginalFilename());
		var dir = new AtomicReference<Path>();
		Supplier<Path> copyIn = () -> {
			dir.set(newFolder());
			Path file = dir.get().resolve(name);
			try (InputStream in = upload.getInputStream()) {
				Files.copy(in, file);
				return file;
			}
			catch (IOException ex) {
				throw cannotKeep(ex);
			}
		};
		Supplier<JobExecution> launch = () -> {
			try {
				// copied in only once the import is this upload's: a refused one writes
				// nothing
				return this.importer.launchArriving(copyIn, dryRun);
			}
			finally {
				// the import took its own copy, or (a dry run) is done reading this one
				if (dir.get() != null) {
					delete(dir.get());
				}
			}
		};
		return this.launches.start(launch);
	}

	/**
	 * The last part of the name a browser sent, with anything but letters, digits, spaces
	 * and {@code . _ - ( )} made an underscore: no path, no hidden file, at most 120
	 * characters.
	 */
	static String safeName(@Nullable String sent) {
		String name = (sent == null) ? "" : sent.replace('\\', '/');
		name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[^\\p{L}\\p{N} ._()-]", "_").strip();
		name = name.replaceFirst("^\\.+", "");
		if (name.isEmpty()) {
			name = "upload.xlsx";
		}
		return (name.length() > 120) ? name.substring(name.length() - 120) : name;
	}

	private Path newFolder() {
		try {
			return Files.createTempDirectory(Files.createDirectories(this.folder), "upload-");
		}
		catch (IOException ex) {
			throw cannotKeep(ex);
		}
	}

	/** The server's paths go to the log, not to the browser. */
	private static KaptaException cannotKeep(IOException ex) {
		log.warn("Cannot keep an uploaded workbook: {}", ex.toString());
		return new KaptaException("Cannot keep the uploaded workbook: the service cannot write its data folder;"
				+ " nothing was imported (the log says why)", ex);
	}

	private static void delete(Path dir) {
		try {
			FileSystemUtils.deleteRecursively(dir);
		}
		catch (IOException ex) {
			// a leftover upload is harmless: the next start of the folder is a new one
		}
	}

}
