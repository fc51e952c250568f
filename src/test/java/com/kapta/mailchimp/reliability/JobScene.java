package com.kapta.mailchimp.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import com.kapta.mailchimp.HomeDatabase;
import com.kapta.mailchimp.KaptaApplication;
import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.TestHomes;
import com.kapta.mailchimp.contact.ContactCsvLoader;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxAudience;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a job starts from, made once and copied for every run: a Kapta home (database,
 * settings, files; the database is the home's embedded file, or a PostgreSQL database of
 * its own that each copy copies) and the audience the sandbox starts with. Each run gets
 * a fresh sandbox on the same port with the same key, so the copied settings reach it.
 * The end of a run is read back as two texts, Kapta's and the sandbox's, that an
 * uninterrupted run and an interrupted one must share.
 */
final class JobScene {

	static final String API_KEY = "0123456789abcdef0123456789abcdef-us1";

	private final Path seed;

	private final SandboxOptions options;

	private final Consumer<SandboxAudience> audience;

	/**
	 * Makes the scene's home under {@code root}: the audience is started as
	 * {@code audience} says, then {@code kapta} fills Kapta (its context is given; the
	 * integration is still disabled until {@link Kapta#enable()}).
	 */
	JobScene(Path root, boolean onPostgres, int latencyMs, List<String> audienceTags,
			Consumer<SandboxAudience> audience, Consumer<Kapta> kapta) {
		this.seed = root.resolve("seed");
		if (onPostgres) {
			HomeDatabase.onPostgres(this.seed, null);
		}
		this.options = SandboxOptions.defaults()
			.withPort(TestHomes.freePort())
			.withApiKey(API_KEY)
			.withLatency(latencyMs)
			.withTags(audienceTags);
		this.audience = audience;
		try (MailchimpSandbox sandbox = startSandbox(); Kapta context = new Kapta(this.seed, sandbox)) {
			kapta.accept(context);
		}
		shutdownDatabase(this.seed);
	}

	/** A sandbox in the scene's starting state. */
	MailchimpSandbox startSandbox() {
		MailchimpSandbox sandbox = MailchimpSandbox.start(this.options);
		this.audience.accept(sandbox.audience());
		return sandbox;
	}

	/** A copy of the scene's home to run in. */
	Path copy(Path home) {
		try {
			FileSystemUtils.deleteRecursively(home);
			FileSystemUtils.copyRecursively(this.seed, home);
			if (!HomeDatabase.properties(this.seed).isEmpty()) {
				HomeDatabase.onPostgres(home, this.seed);
			}
			return home;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Kapta's end state in this home: contacts with status, tags and do-not-subscribe
	 * reason; the outbox; job files.
	 */
	static String kaptaState(Path home) {
		return HomeDatabase.ask(home, (jdbc) -> {
			String outbox = jdbc.queryForList("""
					SELECT state || ' ' || COUNT(*) FROM (SELECT CASE WHEN sent_at IS NOT NULL THEN 'sent'
					       WHEN failed_at IS NOT NULL THEN 'failed' ELSE 'waiting' END AS state FROM outbox) AS o
					GROUP BY state ORDER BY state""", String.class).toString();
			return SandboxedKapta.kaptaState(jdbc) + "outbox " + outbox + "\n" + SandboxedKapta.historyState(jdbc)
					+ jobFiles(home);
		});
	}

	/**
	 * The status of the newest execution of the job in this home ({@code none} before
	 * any).
	 */
	static String lastExecutionStatus(Path home) {
		List<String> status = HomeDatabase.ask(home, (jdbc) -> jdbc.queryForList(
				"SELECT status FROM batch_job_execution ORDER BY job_execution_id DESC LIMIT 1", String.class));
		return status.isEmpty() ? "none" : status.get(0);
	}

	/** How long the newest job execution in this home ran, from its start to its end. */
	static long lastExecutionMillis(Path home) {
		return HomeDatabase.ask(home, (jdbc) -> jdbc.queryForObject("""
				SELECT start_time, end_time FROM batch_job_execution ORDER BY job_execution_id DESC LIMIT 1""",
				(rs, n) -> rs.getTimestamp(2).getTime() - rs.getTimestamp(1).getTime()));
	}

	/**
	 * The files of the import folders, without the time stamps that differ between runs
	 * (a file there once, with its report, is the same end).
	 */
	private static String jobFiles(Path home) {
		Path jobs = home.resolve("jobs").resolve("import");
		if (!Files.isDirectory(jobs)) {
			return "";
		}
		try (Stream<Path> files = Files.walk(jobs)) {
			return files.filter(Files::isRegularFile)
				.map((file) -> jobs.relativize(file).toString().replaceAll("\\d{8}-\\d{6}(-\\d+)?-", "<stamp>-"))
				.sorted()
				.collect(Collectors.joining("\n"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Removes the lock file a killed JVM left: HSQLDB would honour its heartbeat for up
	 * to ten seconds. The process is gone (the caller waited for it), so nobody holds the
	 * database.
	 */
	static void clearStaleLock(Path home) throws IOException {
		Files.deleteIfExists(home.resolve("data").resolve("db").resolve("kapta.lck"));
	}

	/**
	 * The scene's e-mail address number {@code i}, with a prefix per group of contacts.
	 */
	static String email(String prefix, int i) {
		return String.format("%s%05d@example.com", prefix, i);
	}

	private static void shutdownDatabase(Path home) {
		HomeDatabase.ask(home, (jdbc) -> null);
	}

	/**
	 * Kapta's application context on the scene's home, to fill it as users would have.
	 */
	static final class Kapta implements AutoCloseable {

		private final ConfigurableApplicationContext context;

		private final MailchimpSandbox sandbox;

		private final Path home;

		private Kapta(Path home, MailchimpSandbox sandbox) {
			this.sandbox = sandbox;
			this.home = home;
			Map<String, String> properties = new HashMap<>(HomeDatabase.properties(home));
			properties.put("kapta.data-dir", home.resolve("data").toString());
			properties.put("kapta.jobs-dir", home.resolve("jobs").toString());
			properties.forEach(System::setProperty);
			try {
				this.context = new SpringApplicationBuilder(KaptaApplication.class).run();
			}
			finally {
				properties.keySet().forEach(System::clearProperty);
			}
		}

		/**
		 * Loads contacts as the CSV loader reads them
		 * ({@code email,first_name,last_name,tags} lines); none may be rejected.
		 */
		void load(Stream<String> lines) {
			try {
				Path csv = Files.createTempFile(this.home, "contacts", ".csv");
				Files.write(csv, Stream.concat(Stream.of("email,first_name,last_name,tags"), lines).toList());
				assertThat(bean(ContactCsvLoader.class).load(csv).rejected()).isEmpty();
				Files.delete(csv);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/** The sandbox the scene is seeded against. */
		MailchimpSandbox sandbox() {
			return this.sandbox;
		}

		<T> T bean(Class<T> type) {
			return this.context.getBean(type);
		}

		/**
		 * Turns the integration on, pointing at the scene's sandbox: from now on contact
		 * edits wait to be pushed.
		 */
		void enable() {
			bean(SettingsService.class)
				.save(new SettingsChange(true, this.sandbox.baseUrl(), API_KEY, "Kapta Contacts"));
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

}
