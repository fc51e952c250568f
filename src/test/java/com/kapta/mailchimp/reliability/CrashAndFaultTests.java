package com.kapta.mailchimp.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.util.FileSystemUtils;

import com.kapta.mailchimp.HomeDatabase;
import com.kapta.mailchimp.OnPostgres;
import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.TestHomes;
import com.kapta.mailchimp.cli.CliRun;
import com.kapta.mailchimp.contact.ContactService;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.tagdownload.DownloadLauncher;
import com.kapta.mailchimp.workbook.Workbooks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jobs that change Kapta or Mailchimp (upload, download-tags, import, push) against
 * the worst a night can bring. Each starts from a scene of a few thousand contacts, and
 * must end exactly where an uninterrupted run ends, in Kapta and in the sandbox:
 * <ul>
 * <li>its JVM killed with SIGKILL at random moments while it works (at least
 * {@code kapta.crash.points}, 5 by default; {@code -Dkapta.crash.points=20} for the
 * longer run), then restarted as a user would;</li>
 * <li>run with 20% of requests answered 429, 503 or with a dropped connection, and 5%
 * delayed by 2 s (on the embedded database: the retries are the client's, whatever the
 * database).</li>
 * </ul>
 * Where the kills fell and how many requests were retried are printed;
 * {@code -Dkapta.crash.seed=N} repeats a run's kill points.
 */
class CrashAndFaultTests {

	private static final int POINTS = Integer.getInteger("kapta.crash.points", 5);

	/**
	 * The PostgreSQL twin's kills: what it adds is the server's side of a killed run (its
	 * connections dropped, its transaction rolled back by the server), the same at every
	 * point, so fewer points prove it; {@code -Dkapta.crash.points} sets both.
	 */
	private static final int POINTS_ON_POSTGRES = Integer.getInteger("kapta.crash.points", 3);

	private static final long SEED = Long.getLong("kapta.crash.seed", System.nanoTime());

	private static final Pattern RETRIED = Pattern
		.compile("API calls \\(this execution\\)\\s*:?\\s*(\\d+)(?: \\((\\d+) retried\\))?");

	private static final int LATENCY_MS = 30;

	/**
	 * Whether the homes' databases are on PostgreSQL (the twin class) or embedded files.
	 */
	private boolean onPostgres() {
		return getClass().isAnnotationPresent(OnPostgres.class);
	}

	@Test
	void upload() throws Exception {
		Path root = TestHomes.reset(getClass().getSimpleName() + "-upload");
		prove("upload", uploadScene(root), root, List.of("upload", "--tags", "Champion"),
				List.of("upload", "--restart"));
	}

	/**
	 * 8 000 contacts to upload, 300 of them members already, 50 unsubscribed, 40 fake.
	 */
	JobScene uploadScene(Path root) {
		return new JobScene(root, onPostgres(), LATENCY_MS, List.of("Admin User"), (audience) -> {
			IntStream.range(0, 300)
				.forEach((i) -> audience.putMember(JobScene.email("u", i), "subscribed", "Admin User"));
			IntStream.range(300, 350).forEach((i) -> audience.putMember(JobScene.email("u", i), "unsubscribed"));
		}, (kapta) -> {
			kapta.load(IntStream.range(0, 8000)
				.mapToObj((i) -> JobScene.email("u", i) + ",First" + i + ",Last" + i + ","
						+ ((i % 7 == 0) ? "Regular User" : "")));
			kapta.load(IntStream.range(0, 40).mapToObj((i) -> "fake" + i + "@mail.invalid,Fake,Address,"));
			kapta.enable();
		});
	}

	@Test
	void downloadTags() throws Exception {
		Path root = TestHomes.reset(getClass().getSimpleName() + "-download");
		JobScene scene = new JobScene(root, onPostgres(), LATENCY_MS, List.of("Champion", "Admin User"), (audience) -> {
			for (int i = 0; i < 8000; i++) {
				List<String> tags = new ArrayList<>();
				if (i % 3 == 0) {
					tags.add("Champion");
				}
				if (i % 5 == 0) {
					tags.add("Admin User");
				}
				String status = (i % 50 == 0) ? "unsubscribed" : (i % 70 == 1) ? "archived" : "subscribed";
				audience.putMember(JobScene.email("d", i), status, tags.toArray(String[]::new));
			}
		}, (kapta) -> {
			kapta.load(IntStream.range(0, 6500)
				.mapToObj((i) -> JobScene.email("d", i) + ",,," + ((i % 2 == 0) ? "Old Tag" : "Champion")));
			kapta.enable();
		});
		prove("download-tags", scene, root, List.of("download-tags"), List.of("download-tags", "--restart"));
	}

	/**
	 * The download that reads tag by tag: Kapta downloaded the audience an hour ago, then
	 * Mailchimp changed (tags added and removed, unsubscribes, bounces, archives, new
	 * members), so the run reads each tag's list and the changed members.
	 */
	@Test
	void downloadTagByTag() throws Exception {
		Path root = TestHomes.reset(getClass().getSimpleName() + "-download-tag-by-tag");
		prove("download-tags", tagByTagScene(root), root, List.of("download-tags"),
				List.of("download-tags", "--restart"));
	}

	/**
	 * Whatever reading runs, Kapta ends the same: a tag-by-tag download and a full scan
	 * from the same Kapta, on the same changed audience.
	 */
	@Test
	void aTagByTagDownloadEndsAsAFullScanDoes() throws Exception {
		Path root = TestHomes.reset(getClass().getSimpleName() + "-download-equivalence");
		JobScene scene = tagByTagScene(root);
		Map<String, String> ends = new LinkedHashMap<>();
		for (List<String> command : List.of(List.of("download-tags"), List.of("download-tags", "--full"))) {
			Path home = scene.copy(root.resolve(String.join("-", command)));
			try (MailchimpSandbox sandbox = scene.startSandbox()) {
				CliRun run = CliRun.run(home.resolve("data"), HomeDatabase.properties(home),
						command.toArray(String[]::new));
				assertThat(run.exitCode()).as(run.err()).isZero();
				run.out()
					.lines()
					.filter((line) -> line.contains("Reading") || line.contains("API calls"))
					.forEach((line) -> System.out.println(String.join(" ", command) + ": " + line.strip()));
				ends.put(run.out().contains("tag by tag: about") ? "tag by tag" : "full scan",
						HomeDatabase.ask(home, SandboxedKapta::kaptaState));
				assertThat(sandbox.stats().totalWrites()).as("nothing sent to Mailchimp").isZero();
			}
		}
		assertThat(ends).containsOnlyKeys("tag by tag", "full scan");
		assertThat(ends.get("tag by tag")).isEqualTo(ends.get("full scan"));
	}

	/**
	 * 12 000 members, a few per cent of them tagged (some with mixed-case addresses);
	 * Kapta downloaded them an hour ago; since then tags were added and removed, members
	 * unsubscribed, bounced and were archived, new ones joined, and Kapta has edits
	 * waiting to be pushed.
	 */
	JobScene tagByTagScene(Path root) {
		AtomicBoolean seeding = new AtomicBoolean(true);
		JobScene scene = new JobScene(root, onPostgres(), LATENCY_MS, List.of("Champion", "VIP", "Board"),
				(audience) -> {
					for (int i = 0; i < 12_000; i++) {
						List<String> tags = new ArrayList<>();
						if (i % 40 == 0) {
							tags.add("Champion");
						}
						if (i % 60 == 1) {
							tags.add("VIP");
						}
						if (i % 500 == 2) {
							tags.addAll(List.of("Champion", "VIP", "Board"));
						}
						String email = JobScene.email("g", i);
						audience.putMember((i % 33 == 0) ? email.toUpperCase(Locale.ROOT) : email,
								(i % 97 == 3) ? "unsubscribed" : "subscribed", tags.toArray(String[]::new));
					}
					audience.age(Duration.ofHours(1));
					if (seeding.get()) {
						return;
					}
					for (int i = 0; i < 12_000; i++) {
						String email = JobScene.email("g", i);
						String address = (i % 33 == 0) ? email.toUpperCase(Locale.ROOT) : email;
						if (i % 300 == 5) {
							audience.unsubscribe(address);
						}
						else if (i % 400 == 7) {
							audience.bounce(address);
						}
						else if (i % 450 == 9) {
							audience.archive(address);
						}
						if (i % 250 == 11) {
							audience.tagMember(address, "Champion", true);
						}
						if (i % 80 == 0) {
							audience.tagMember(address, "Champion", false);
						}
					}
					IntStream.range(12_000, 12_050)
						.forEach((i) -> audience.putMember(JobScene.email("g", i), "subscribed", "VIP"));
				}, (kapta) -> {
					kapta.load(IntStream.range(0, 12_050)
						.filter((i) -> i % 11 != 4)
						.mapToObj((i) -> JobScene.email("g", i) + ",,," + ((i % 70 == 0) ? "Old Tag" : "")));
					kapta.enable();
					JobExecution download = kapta.bean(DownloadLauncher.class).launch(false);
					assertThat(download.getStatus()).isEqualTo(BatchStatus.COMPLETED);
					// edits waiting to be pushed: a download keeps these contacts as they
					// are
					ContactService contacts = kapta.bean(ContactService.class);
					for (int i = 1; i < 12_000; i += 700) {
						if (i % 11 == 4) {
							continue; // not a Kapta contact
						}
						contacts.tag(JobScene.email("g", i), List.of("Pending"), List.of());
					}
				});
		seeding.set(false);
		return scene;
	}

	@Test
	void importFile() throws Exception {
		Path root = TestHomes.reset(getClass().getSimpleName() + "-import");
		JobScene scene = new JobScene(root, onPostgres(), LATENCY_MS, List.of("Admin User", "Champion", "Regular User"),
				(audience) -> {
					IntStream.range(0, 1000)
						.forEach((i) -> audience.putMember(JobScene.email("i", i), "subscribed", "Admin User"));
				}, (kapta) -> {
					kapta.load(IntStream.range(0, 3000).mapToObj((i) -> JobScene.email("i", i) + ",,,"));
					kapta.enable();
					List<List<Object>> rows = new ArrayList<>();
					rows.add(List.of("Email Address", "First Name", "Last Name", "Admin User", "Champion",
							"Regular User"));
					for (int i = 0; i < 8000; i++) {
						rows.add(List.of(JobScene.email("i", i), "First" + i, "Last" + i, yes(i % 2 == 0),
								yes(i % 3 == 0), yes(i % 4 == 1)));
					}
					// emails of the first chunk again, asking the opposite: skipped, also
					// when the
					// staging resumes after a kill
					for (int i = 0; i < 10; i++) {
						int first = i * 37;
						rows.add(List.of(JobScene.email("i", first), "Again", "Again", yes(first % 2 != 0),
								yes(first % 3 != 0), yes(first % 4 != 1)));
					}
					Workbooks.xlsx(root.resolve("seed").resolve("contacts.xlsx"), rows);
				});
		prove("import", scene, root, List.of("import", "contacts.xlsx"), List.of("import", "--restart"));
	}

	@Test
	void push() throws Exception {
		Path root = TestHomes.reset(getClass().getSimpleName() + "-push");
		JobScene scene = new JobScene(root, onPostgres(), LATENCY_MS, List.of("Champion"), (audience) -> {
			IntStream.range(0, 3000)
				.forEach((i) -> audience.putMember(JobScene.email("p", i), "subscribed", "Champion"));
		}, (kapta) -> {
			kapta.load(IntStream.range(0, 3000).mapToObj((i) -> JobScene.email("p", i) + ",,,Champion"));
			kapta.enable();
			// edits made while the integration is on: they wait in the outbox for the
			// push
			kapta.load(IntStream.range(3000, 6000)
				.mapToObj((i) -> JobScene.email("p", i) + ",First" + i + ",,Champion;New"));
			ContactService contacts = kapta.bean(ContactService.class);
			for (int i = 0; i < 1500; i++) {
				contacts.tag(JobScene.email("p", i), List.of("Admin User"), List.of("Champion"));
			}
		});
		prove("push", scene, root, List.of("push"), List.of("push"));
	}

	/**
	 * Runs the job once uninterrupted, then killed at random points and restarted, then
	 * under faults; every run must end in the uninterrupted run's state. Members that a
	 * killed run created before Kapta committed their chunk are told by their sign-up
	 * stamp on the restart and get their real status.
	 */
	private void prove(String job, JobScene scene, Path root, List<String> command, List<String> restart)
			throws Exception {
		int points = onPostgres() ? POINTS_ON_POSTGRES : POINTS;
		Path reference = scene.copy(root.resolve("uninterrupted"));
		String sandboxEnd;
		long workMillis;
		try (MailchimpSandbox sandbox = scene.startSandbox()) {
			CliRun run = CliRun.run(reference.resolve("data"), HomeDatabase.properties(reference),
					args(reference, command));
			assertThat(run.exitCode()).as(run.err()).isZero();
			sandboxEnd = SandboxedKapta.mailchimpState(sandbox);
		}
		// the kills fall within a run this long
		workMillis = JobScene.lastExecutionMillis(reference);
		String kaptaEnd = JobScene.kaptaState(reference);
		assertThat(sandboxEnd).isNotEmpty();
		// each run below must end with these histories: every change recorded once, as
		// committed, none for a chunk that a kill rolled back
		assertThat(kaptaEnd).as("each contact's history replays to its tags").contains("history mismatches: none");

		Random random = new Random(SEED + job.hashCode());
		List<String> kills = new ArrayList<>();
		for (int attempt = 1; kills.size() < points && attempt <= 3 * points; attempt++) {
			Path home = scene.copy(root.resolve("killed-" + attempt));
			try (MailchimpSandbox sandbox = scene.startSandbox()) {
				long delay = random.nextLong(Math.max(1, workMillis));
				long started = System.nanoTime();
				JobProcess process = JobProcess.start(home, List.of(args(home, command)));
				boolean working = process.awaitWorking();
				System.out.printf("%s attempt %d: working after %d ms%n", job, attempt,
						(System.nanoTime() - started) / 1_000_000);
				if (!working) {
					process.kill();
					assertThat(JobScene.lastExecutionStatus(home)).as(process.output()).isEqualTo("COMPLETED");
					continue; // done before its first progress line: nothing to kill
				}
				Thread.sleep(delay);
				process.kill();
				JobScene.clearStaleLock(home);
				if (!JobScene.lastExecutionStatus(home).equals("STARTED")) {
					continue; // it finished first; draw another point
				}
				kills.add(delay + " ms");
				long restarting = System.nanoTime();
				CliRun again = CliRun.run(home.resolve("data"), HomeDatabase.properties(home), args(home, restart));
				System.out.printf("%s attempt %d: killed %d ms into the work, restart took %d ms%n", job, attempt,
						delay, (System.nanoTime() - restarting) / 1_000_000);
				assertThat(again.exitCode())
					.as("%s restarted after a kill %d ms into its work: %s", job, delay, again.err())
					.isZero();
				assertThat(SandboxedKapta.mailchimpState(sandbox))
					.as("Mailchimp after a kill %d ms into %s (seed %d)", delay, job, SEED)
					.isEqualTo(sandboxEnd);
			}
			assertThat(JobScene.kaptaState(home)).as("Kapta after a kill into %s (seed %d)", job, SEED)
				.isEqualTo(kaptaEnd);
			FileSystemUtils.deleteRecursively(home);
		}
		assertThat(kills).as("kills that fell while %s was working", job).hasSizeGreaterThanOrEqualTo(points);

		if (onPostgres()) {
			// Mailchimp's faults are retried in the client, whatever the database: the
			// embedded run proves them
			System.out.printf("reliability job=%s seed=%d kills=%d at %s into the work (uninterrupted: %d ms); "
					+ "every end equals the uninterrupted run's%n", job, SEED, kills.size(), kills, workMillis);
			return;
		}
		Path faulty = scene.copy(root.resolve("faults"));
		String retried;
		try (MailchimpSandbox sandbox = scene.startSandbox()) {
			sandbox.setFaultRate(0.2);
			sandbox.setLatencySpikes(0.05, 2000);
			// live Mailchimp's intermittent 504 on pages of 1000
			sandbox.setPageTimeouts(500, 0.5);
			CliRun run = CliRun.run(faulty.resolve("data"), HomeDatabase.properties(faulty), args(faulty, command));
			assertThat(run.exitCode()).as(run.err()).isZero();
			assertThat(SandboxedKapta.mailchimpState(sandbox)).as("Mailchimp after %s under faults", job)
				.isEqualTo(sandboxEnd);
			Matcher calls = RETRIED.matcher(run.out());
			assertThat(calls.find()).as(run.out()).isTrue();
			retried = calls.group(2) + " of " + calls.group(1) + " requests retried";
			assertThat(calls.group(2)).as("faults were injected and retried").isNotNull();
		}
		assertThat(JobScene.kaptaState(faulty)).as("Kapta after %s under faults", job).isEqualTo(kaptaEnd);
		System.out.printf(
				"reliability job=%s seed=%d kills=%d at %s into the work (uninterrupted: %d ms); faults: %s; "
						+ "every end equals the uninterrupted run's%n",
				job, SEED, kills.size(), kills, workMillis, retried);
	}

	/**
	 * The command's arguments, a file argument taken from the home (as a user would give
	 * its path).
	 */
	private static String[] args(Path home, List<String> command) {
		return command.stream()
			.map((arg) -> arg.endsWith(".xlsx") ? home.resolve(arg).toString() : arg)
			.toArray(String[]::new);
	}

	private static String yes(boolean yes) {
		return yes ? "Y" : "N";
	}

}
