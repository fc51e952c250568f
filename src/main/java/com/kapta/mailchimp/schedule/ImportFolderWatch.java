package com.kapta.mailchimp.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.audit.Actor;
import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.importing.ImportFolder;
import com.kapta.mailchimp.importing.ImportLauncher;
import com.kapta.mailchimp.importing.ImportLauncher.Snapshot;
import com.kapta.mailchimp.settings.Settings;
import com.kapta.mailchimp.settings.SettingsService;

/**
 * The service's look at the drop folder every {@code kapta.schedule.import-poll}: a file
 * is imported once its size and modification time are the same at two looks in a row (a
 * copy still in progress is not taken), one file at a time. While the integration is off,
 * files wait. With two instances on one database, Quartz lets one look at a time, and the
 * move into {@code processing/} (a rename, atomic on the shared folder) is the claim: a
 * file another instance took first is simply gone.
 */
@Component
@Profile("service")
class ImportFolderWatch implements ServiceTask {

	private static final Logger log = LoggerFactory.getLogger(ImportFolderWatch.class);

	private final ImportFolder folder;

	private final ImportLauncher launcher;

	private final SettingsService settings;

	/** What each waiting file looked like at the previous look. */
	private Map<Path, Snapshot> previous = new HashMap<>();

	ImportFolderWatch(ImportFolder folder, ImportLauncher launcher, SettingsService settings) {
		this.folder = folder;
		this.launcher = launcher;
		this.settings = settings;
	}

	@Override
	public void run(boolean recovering) {
		Settings current = this.settings.current();
		if (!current.enabled() || !current.complete()) {
			return;
		}
		Map<Path, Snapshot> now = new HashMap<>();
		for (Path file : this.folder.waiting()) {
			try {
				now.put(file, Snapshot.of(file));
			}
			catch (IOException ex) {
				// gone since the listing: nothing to take
			}
		}
		now.forEach((file, snapshot) -> {
			if (snapshot.equals(this.previous.get(file))) {
				importFile(file);
			}
		});
		now.keySet().removeIf((file) -> !Files.exists(file));
		this.previous = now;
	}

	private void importFile(Path file) {
		try {
			JobExecution run = Actor.as(Actor.FOLDER, () -> this.launcher.launch(file, false));
			log.info("Imported {}: {} {}; file now in {}", file.getFileName(), run.getStatus(), RunSummary.lines(run),
					ImportLauncher.fileNowAt(run).map(Path::toString).orElse("processing/"));
		}
		catch (RuntimeException ex) {
			log.warn("Could not import {} now (tried again at the next look): {}", file.getFileName(), ex.getMessage());
		}
	}

}
