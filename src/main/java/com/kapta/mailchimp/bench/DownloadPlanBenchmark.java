package com.kapta.mailchimp.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.contact.ContactCsvLoader;
import com.kapta.mailchimp.database.EmptyDatabase;
import com.kapta.mailchimp.sandbox.SandboxProcess;
import com.kapta.mailchimp.sandbox.SandboxShape;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.tagdownload.DownloadLauncher;

/**
 * Download To Kapta on an audience of a given shape (members, tags, the share tagged, the
 * share changed since the last download): a first download (the full scan), then the
 * nightly one, which chooses its reading. Prints the reading chosen, its calls against
 * the minimum for that reading, and its wall time against the bound (calls × latency ÷
 * 10). Promised: tag by tag, at most 1.05 × its minimum + 3 calls (the tag list, the
 * member count, the changed members' count) within 1.1 × the bound + 5 s at a second a
 * call; a full scan, no more calls than the first download (its wall time is
 * {@code bench all}'s to promise).
 */
@Component
public class DownloadPlanBenchmark {

	private static final int PAGE = 1000;

	private final SettingsService settings;

	private final ContactCsvLoader loader;

	private final DownloadLauncher download;

	private final KaptaProperties properties;

	private final EmptyDatabase emptyDatabase;

	DownloadPlanBenchmark(SettingsService settings, ContactCsvLoader loader, DownloadLauncher download,
			KaptaProperties properties, EmptyDatabase emptyDatabase) {
		this.settings = settings;
		this.loader = loader;
		this.download = download;
		this.properties = properties;
		this.emptyDatabase = emptyDatabase;
	}

	/** Returns whether the nightly download met its promises. */
	public boolean run(SandboxShape shape, int latencyMs, PrintWriter out) throws IOException {
		this.emptyDatabase.require("the bench");
		Path work = Files.createDirectories(this.properties.jobsDir().resolve("bench"));
		List<String> options = List.of("--seed-members", Integer.toString(shape.members()), "--seed-tagged-share",
				Double.toString(shape.taggedShare()), "--seed-changed-share", Double.toString(shape.changedShare()));
		out.printf(Locale.ROOT,
				"Audience: %d members, %d tags each on %.1f %% of them, %.1f %% changed since the"
						+ " last download; %d ms a call%n",
				shape.members(), shape.tags().size(), 100 * shape.taggedShare(), 100 * shape.changedShare(), latencyMs);
		out.flush();
		try (SandboxProcess sandbox = SandboxProcess.start(latencyMs, shape.tags(), work.resolve("sandbox"), options)) {
			this.settings.save(new SettingsChange(false, sandbox.baseUrl(), sandbox.apiKey(), "Kapta Contacts"));
			this.loader.load(contactsCsv(work.resolve("contacts.csv"), shape.members()));
			this.settings.save(new SettingsChange(true, null, null, null));
			long start = System.nanoTime();
			JobExecution first = completed(this.download.launch(false, true));
			long firstCalls = calls(first);
			out.printf(Locale.ROOT, "first download (full scan): calls=%d wall_s=%.1f%n", firstCalls,
					(System.nanoTime() - start) / 1e9);
			out.flush();
			start = System.nanoTime();
			JobExecution nightly = completed(this.download.launch(false));
			double wall = (System.nanoTime() - start) / 1e9;
			Map<String, String> summary = RunSummary.lines(nightly);
			String reading = summary.get("Reading");
			boolean tagByTag = reading.startsWith("tag by tag");
			long calls = calls(nightly);
			long minCalls = tagByTag ? tagByTagMinimum(shape) : pages(shape.members()) + 1;
			long targetCalls = tagByTag ? (long) Math.floor(1.05 * minCalls + 3) : firstCalls;
			double bound = calls * latencyMs / 10.0 / 1000;
			double targetWall = (latencyMs >= 1000) ? 1.1 * bound + 5 : 1.3 * bound + 10;
			// a full scan promises its calls here; its wall time is the jobs bench's
			boolean wallMet = !tagByTag || wall <= targetWall;
			out.printf(Locale.ROOT,
					"bench job=download-plan items=%d reading=\"%s\" calls=%d min_calls=%d wall_s=%.1f bound_s=%.1f"
							+ " target_calls=%d (%s) target_wall_s=%s%n",
					shape.members(), reading, calls, minCalls, wall, bound, targetCalls,
					(calls <= targetCalls) ? "met" : "missed",
					tagByTag ? String.format(Locale.ROOT, "%.1f (%s)", targetWall, wallMet ? "met" : "missed")
							: "- (bench all)");
			out.flush();
			return calls <= targetCalls && wallMet;
		}
	}

	/**
	 * The fewest calls tag by tag can make: each tag's list (its members of every status
	 * but archived) to a short page, which may be empty (its {@code total_items}
	 * undercounts: nothing else ends it), the changed members' pages, and the archived
	 * pass.
	 */
	static long tagByTagMinimum(SandboxShape shape) {
		long[] perTag = new long[shape.tags().size()];
		long changed = 0;
		for (int i = 0; i < shape.members(); i++) {
			for (String tag : shape.tagsOf(i)) {
				perTag[shape.tags().indexOf(tag)]++;
			}
			changed += shape.changed(i) ? 1 : 0;
		}
		long calls = pages(changed) + 1;
		for (long members : perTag) {
			calls += members / PAGE + 1;
		}
		return calls;
	}

	private static long pages(long members) {
		return Math.max(1, (members + PAGE - 1) / PAGE);
	}

	private static long calls(JobExecution run) {
		return Long.parseLong(RunSummary.lines(run).getOrDefault(RunSummary.API_CALLS, "0").split(" ")[0]);
	}

	private static JobExecution completed(JobExecution run) {
		if (run.getStatus() != BatchStatus.COMPLETED) {
			throw new KaptaException("The bench's download ended " + run.getStatus());
		}
		return run;
	}

	/** The shape's members as Kapta contacts, as the CSV load reads them. */
	private static Path contactsCsv(Path file, int members) throws IOException {
		try (BufferedWriter csv = Files.newBufferedWriter(file)) {
			csv.write("email,first_name,last_name,tags\n");
			for (int i = 0; i < members; i++) {
				csv.write(SandboxShape.email(i) + ",,,\n");
			}
		}
		return file;
	}

}
