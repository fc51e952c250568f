package com.kapta.mailchimp.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.HomeDatabase;
import com.kapta.mailchimp.OnPostgres;
import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.TestHomes;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.workbook.Workbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two {@code ./run.sh service} JVMs on one PostgreSQL database and one jobs folder behave
 * like one, even when one of them dies mid-job. A file is dropped and Kapta changes wait
 * in the outbox; the instance that runs the import is killed (SIGKILL) once the import
 * has committed work. Then two fresh instances both have the nightly download due every
 * two seconds, and the one that runs it is killed mid-run. Each time the other instance
 * must finish the job, once, and the end, in Kapta and in the sandbox, must be the end of
 * one uninterrupted service doing the same.
 */
@OnPostgres
class TwoInstancesOnPostgresTests {

	/** Slow enough answers for a kill to fall inside a job. */
	private static final int LATENCY_MS = 250;

	private static final String NEVER_DURING_THE_TEST = "0 0 2 1 1 *";

	private static final String EVERY_TWO_SECONDS = "*/2 * * * * *";

	@AfterEach
	void noServiceLeftRunning() {
		JobProcess.killLeftovers();
	}

	@Test
	void twoServicesDoEachJobOnceAndFinishWhatADeadOneBegan() throws Exception {
		Path root = TestHomes.reset(getClass().getSimpleName());
		JobScene scene = new JobScene(root, true, LATENCY_MS, List.of("Champion", "Admin User"), (audience) -> {
			for (int i = 0; i < 6000; i++) {
				List<String> tags = new ArrayList<>();
				if (i % 3 == 0) {
					tags.add("Champion");
				}
				if (i % 5 == 0) {
					tags.add("Admin User");
				}
				audience.putMember(JobScene.email("d", i), "subscribed", tags.toArray(String[]::new));
			}
		}, (kapta) -> {
			kapta.load(IntStream.range(0, 6000).mapToObj((i) -> JobScene.email("d", i) + ",,,"));
			kapta.enable();
			// edits made while the integration is on wait in the outbox for a push
			kapta.load(
					IntStream.range(0, 3000).mapToObj((i) -> JobScene.email("p", i) + ",First" + i + ",,Champion;New"));
			List<List<Object>> rows = new ArrayList<>();
			rows.add(List.of("Email Address", "First Name", "Admin User", "Regular User"));
			for (int i = 0; i < 6000; i++) {
				rows.add(
						List.of(JobScene.email("i", i), "Row" + i, (i % 2 == 0) ? "Y" : "N", (i % 3 == 0) ? "Y" : "N"));
			}
			Workbooks.xlsx(root.resolve("seed").resolve("contacts.xlsx"), rows);
		});

		Path single = scene.copy(root.resolve("single"));
		String kaptaEnd;
		String mailchimpEnd;
		try (MailchimpSandbox sandbox = scene.startSandbox()) {
			List<JobProcess> one = services(single, 1, NEVER_DURING_THE_TEST);
			drop(single);
			await().atMost(Duration.ofMinutes(3)).until(() -> importedAndPushed(single));
			stop(one);
			one = services(single, 1, EVERY_TWO_SECONDS);
			await().atMost(Duration.ofMinutes(3)).until(() -> completed(single, "downloadTags") == 1);
			stop(one);
			kaptaEnd = JobScene.kaptaState(single);
			mailchimpEnd = SandboxedKapta.mailchimpState(sandbox);
		}
		assertThat(kaptaEnd).containsPattern("outbox \\[sent \\d+\\]\n").contains("processed/<stamp>-contacts.xlsx");

		Path shared = scene.copy(root.resolve("two"));
		try (MailchimpSandbox sandbox = scene.startSandbox()) {
			List<JobProcess> two = services(shared, 2, NEVER_DURING_THE_TEST);
			drop(shared);
			Duration importResumed = killMidJobAndAwaitTheOther(shared, two, "import");
			await().atMost(Duration.ofMinutes(3)).until(() -> importedAndPushed(shared));
			stop(two);

			two = services(shared, 2, EVERY_TWO_SECONDS);
			Duration downloadResumed = killMidJobAndAwaitTheOther(shared, two, "downloadTags");
			await().atMost(Duration.ofMinutes(3)).until(() -> completed(shared, "downloadTags") == 1);
			// more nights' ticks on the survivor: still one run for the night
			Thread.sleep(4000);
			stop(two);

			assertThat(instances(shared, "import")).as("the dropped file was imported once").isEqualTo(1);
			assertThat(instances(shared, "downloadTags")).as("one nightly run for the night").isEqualTo(1);
			assertThat(JobScene.kaptaState(shared)).isEqualTo(kaptaEnd);
			assertThat(SandboxedKapta.mailchimpState(sandbox)).isEqualTo(mailchimpEnd);
			// the bound: a recovery check (2 s) claimed by the dead instance goes to the
			// survivor when it misses its check-in (1 s + Quartz's 7.5 s); the rest is
			// slack
			// for a busy machine
			assertThat(importResumed).isLessThan(Duration.ofSeconds(30));
			assertThat(downloadResumed).isLessThan(Duration.ofSeconds(30));
			assertThat(sandbox.stats().maxInFlight()).as("requests on the wire at once, both instances together")
				.isLessThanOrEqualTo(10);
			System.out.printf(
					"two instances: import resumed %d ms after its instance was killed, nightly download"
							+ " %d ms after; at most %d requests in flight%n",
					importResumed.toMillis(), downloadResumed.toMillis(), sandbox.stats().maxInFlight());
		}
	}

	/**
	 * Starts {@code count} services on the home, the nightly download on {@code cron},
	 * and waits until each is up.
	 */
	private static List<JobProcess> services(Path home, int count, String cron) throws Exception {
		Map<String, String> settings = new HashMap<>();
		settings.put("KAPTA_WEB_PORT", "0");
		settings.put("KAPTA_SCHEDULE_DOWNLOADTAGS", cron);
		settings.put("KAPTA_SCHEDULE_IMPORTPOLL", "300ms");
		settings.put("KAPTA_SCHEDULE_PUSH", "1s");
		settings.put("KAPTA_SCHEDULE_RECOVERYCHECK", "2s");
		settings.put("KAPTA_SCHEDULE_CLUSTERCHECKIN", "1s");
		List<JobProcess> services = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			services.add(JobProcess.start(home, List.of("service"), settings));
		}
		for (JobProcess service : services) {
			await().atMost(Duration.ofMinutes(1))
				.failFast(() -> !service.isAlive())
				.until(() -> service.output().contains("Kapta service running"));
		}
		return services;
	}

	/**
	 * Waits until the job has committed work, kills the instance that runs it, and
	 * returns how long it took another to resume it.
	 */
	private static Duration killMidJobAndAwaitTheOther(Path home, List<JobProcess> services, String job)
			throws Exception {
		String launched = "name=" + job + "]] launched";
		try {
			await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> committedChunks(home, job) > 0);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError(job + " never committed work: " + services.get(0).output(), ex);
		}
		JobProcess owner = services.stream()
			.filter((service) -> service.output().contains(launched))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no instance says it launched " + job));
		owner.kill();
		long killed = System.nanoTime();
		JobProcess survivor = services.stream().filter((service) -> service != owner).findFirst().orElseThrow();
		await().atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> survivor.output().contains(launched));
		Duration resumed = Duration.ofNanos(System.nanoTime() - killed);
		await().atMost(Duration.ofMinutes(3)).until(() -> completed(home, job) == 1);
		services.remove(owner);
		return resumed;
	}

	private static void stop(List<JobProcess> services) throws InterruptedException {
		for (JobProcess service : services) {
			service.stop();
		}
	}

	/**
	 * Copies the workbook into the drop folder as a user's copy would: whole, then
	 * renamed.
	 */
	private static void drop(Path home) throws IOException {
		Path inbox = Files.createDirectories(home.resolve("jobs").resolve("import"));
		Path part = inbox.resolve("contacts.xlsx.part");
		Files.copy(home.resolve("contacts.xlsx"), part);
		Files.move(part, inbox.resolve("contacts.xlsx"), StandardCopyOption.ATOMIC_MOVE);
	}

	private static boolean importedAndPushed(Path home) {
		return completed(home, "import") == 1 && HomeDatabase.ask(home,
				(jdbc) -> jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL",
						Integer.class)) == 0;
	}

	private static int completed(Path home, String job) {
		return HomeDatabase.ask(home, (jdbc) -> jdbc.queryForObject("""
				SELECT COUNT(*) FROM batch_job_execution e JOIN batch_job_instance i
				ON i.job_instance_id = e.job_instance_id WHERE i.job_name = ? AND e.status = 'COMPLETED'""",
				Integer.class, job));
	}

	private static int instances(Path home, String job) {
		return HomeDatabase.ask(home, (jdbc) -> jdbc
			.queryForObject("SELECT COUNT(*) FROM batch_job_instance WHERE job_name = ?", Integer.class, job));
	}

	private static int committedChunks(Path home, String job) {
		return HomeDatabase.ask(home, (jdbc) -> jdbc.queryForObject("""
				SELECT COALESCE(SUM(s.commit_count), 0) FROM batch_step_execution s
				JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
				JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
				WHERE i.job_name = ? AND e.status = 'STARTED'""", Integer.class, job));
	}

}
