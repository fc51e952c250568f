package com.kapta.mailchimp.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.contact.ContactCsvLoader;
import com.kapta.mailchimp.contact.ContactHistory;
import com.kapta.mailchimp.database.EmptyDatabase;
import com.kapta.mailchimp.sandbox.SandboxProcess;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.tagdownload.DownloadLauncher;
import com.kapta.mailchimp.upload.UploadLauncher;

/**
 * What each contact's history costs the nightly download at its worst: every contact's
 * tags changed. N contacts are uploaded with the tag {@code Night}; then, six times,
 * every contact's tag is renamed {@code Local} in Kapta and a download gives each back
 * exactly its Mailchimp tag (two changes a contact), alternately without and with the
 * history. Prints each download's wall time, and the ratio of the medians.
 */
@Component
public class HistoryBenchmark {

	/** Downloads measured, half of them with the history. */
	private static final int ROUNDS = 6;

	private final SettingsService settings;

	private final ContactCsvLoader loader;

	private final UploadLauncher upload;

	private final DownloadLauncher download;

	private final ContactHistory history;

	private final JdbcTemplate jdbc;

	private final KaptaProperties properties;

	private final EmptyDatabase emptyDatabase;

	HistoryBenchmark(SettingsService settings, ContactCsvLoader loader, UploadLauncher upload,
			DownloadLauncher download, ContactHistory history, JdbcTemplate jdbc, KaptaProperties properties,
			EmptyDatabase emptyDatabase) {
		this.settings = settings;
		this.loader = loader;
		this.upload = upload;
		this.download = download;
		this.history = history;
		this.jdbc = jdbc;
		this.properties = properties;
		this.emptyDatabase = emptyDatabase;
	}

	/** Returns the ratio of the download's time with the history to without. */
	public double run(int contacts, int latencyMs, PrintWriter out) throws IOException {
		this.emptyDatabase.require("the bench");
		Path work = Files.createDirectories(this.properties.jobsDir().resolve("bench"));
		double[] with = new double[ROUNDS / 2];
		double[] without = new double[ROUNDS / 2];
		try (SandboxProcess sandbox = SandboxProcess.start(latencyMs, List.of(), work.resolve("sandbox"))) {
			this.settings.save(new SettingsChange(false, sandbox.baseUrl(), sandbox.apiKey(), "Kapta Contacts"));
			this.loader.load(Benchmark.contactsCsv(work.resolve("contacts.csv"), contacts));
			this.settings.save(new SettingsChange(true, null, null, null));
			completed("upload", this.upload.launch(List.of("Night"), false));
			for (int round = 0; round < ROUNDS; round++) {
				boolean recording = round % 2 == 1;
				// Kapta's own tag, unknown to Mailchimp: the download takes it away and
				// gives back Night, for every contact
				this.jdbc.update("UPDATE contact_tag SET tag_name = 'Local'");
				this.history.recording(recording);
				long rows = historyRows();
				long start = System.nanoTime();
				JobExecution run = completed("download", this.download.launch(false));
				double wall = (System.nanoTime() - start) / 1e9;
				String updated = RunSummary.lines(run).get("Contacts updated");
				if (!String.valueOf(contacts).equals(updated)) {
					throw new KaptaException("The bench's download changed " + updated + " contacts, not " + contacts);
				}
				(recording ? with : without)[round / 2] = wall;
				out.printf(
						"history-bench download of %d contacts, every one's tags changed, %s history: %.1f s, "
								+ "%d history rows written%n",
						contacts, recording ? "with" : "without", wall, historyRows() - rows);
				out.flush();
			}
		}
		finally {
			this.history.recording(true);
		}
		double withMedian = median(with);
		double withoutMedian = median(without);
		double ratio = withMedian / withoutMedian;
		out.printf(
				"history-bench contacts=%d latency=%d ms: with history %.1f s, without %.1f s (median of %d each):"
						+ " %.3f x (target at most 1.15 x)%n",
				contacts, latencyMs, withMedian, withoutMedian, ROUNDS / 2, ratio);
		out.flush();
		return ratio;
	}

	/**
	 * The middle one: on a shared machine one download in three may take a third longer
	 * for reasons of its own (a database checkpoint falls in it, another process runs).
	 */
	private static double median(double[] walls) {
		double[] sorted = walls.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	private long historyRows() {
		Long rows = this.jdbc.queryForObject("SELECT COUNT(*) FROM contact_history", Long.class);
		return (rows != null) ? rows : 0;
	}

	private static JobExecution completed(String job, JobExecution run) {
		if (run.getStatus() != BatchStatus.COMPLETED) {
			throw new KaptaException("The bench's " + job + " ended " + run.getStatus());
		}
		return run;
	}

}
