package com.kapta.mailchimp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;

import com.kapta.mailchimp.KaptaApplication;
import com.kapta.mailchimp.HomeDatabase;
import com.kapta.mailchimp.TestHomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./run.sh service} in its own JVM holds the database; one-shot commands in this
 * JVM use it at the same time (never a lock error) and see one history; after SIGTERM
 * they open the file themselves.
 */
class ServiceSharesTheDatabaseTests {

	private final Path home = TestHomes.reset("ServiceSharesTheDatabaseTests");

	private final Path data = this.home.resolve("data");

	private Process service;

	@AfterEach
	void stopService() throws InterruptedException {
		if (this.service != null && this.service.isAlive()) {
			this.service.destroyForcibly().waitFor();
		}
	}

	@Test
	void oneShotCommandsWorkWhileTheServiceHoldsTheDatabase() throws Exception {
		Path log = this.home.resolve("service.out");
		this.service = startService(log);
		Path portFile = this.data.resolve("db").resolve("server.port");
		awaitFile(portFile, log);

		CliRun added = CliRun.run(this.data, "contacts", "add", "--email", "shared@example.com", "--tags", "Champion");
		assertThat(added.exitCode()).as(added.err()).isZero();
		CliRun listed = CliRun.run(this.data, "contacts", "list");
		assertThat(listed.out()).contains("shared@example.com");
		recordAJobExecution();
		assertThat(CliRun.run(this.data, "status").out()).contains("probe", "STARTING", "run=1");

		this.service.destroy(); // SIGTERM
		assertThat(this.service.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(Files.readString(log)).contains("Database server stopped");
		assertThat(portFile).doesNotExist();

		// the file itself now: the same data and the same job history
		assertThat(CliRun.run(this.data, "contacts", "list", "--email", "SHARED@example.com").out())
			.contains("Champion");
		assertThat(CliRun.run(this.data, "status").out()).contains("probe");
		// the command beside the service recorded its action and the contact's history
		String me = System.getProperty("user.name");
		assertThat(
				HomeDatabase.<List<String>>ask(this.home,
						(jdbc) -> jdbc.queryForList("SELECT actor || ' ' || channel || ' ' || event || ' ' || subject"
								+ " FROM audit_event", String.class)))
			.contains(me + " CLI CONTACT_ADDED shared@example.com");
		assertThat(HomeDatabase.<List<String>>ask(this.home,
				(jdbc) -> jdbc.queryForList("SELECT kind || ' ' || COALESCE(new_value, '-') || ' ' || actor"
						+ " FROM contact_history ORDER BY id", String.class)))
			.containsExactly("CREATED - " + me + " (cli)", "TAG_ADDED Champion " + me + " (cli)");
	}

	@Test
	void aSecondServiceOnTheSameDataIsRefused() throws Exception {
		Path log = this.home.resolve("service.out");
		this.service = startService(log);
		awaitFile(this.data.resolve("db").resolve("server.port"), log);

		CliRun second = CliRun.run(this.data, "service");

		assertThat(second.exitCode()).isEqualTo(2);
		assertThat(second.err()).contains("database").hasLineCount(1);
		assertThat(CliRun.run(this.data, "contacts", "list").exitCode()).isZero();
	}

	@Test
	void theServedDatabaseRefusesAnyoneWithoutItsPasswordWhichOnlyItsOwnerMayRead() throws Exception {
		// a data folder of the version before: a contact, and a database user without a
		// password
		assertThat(CliRun.run(this.data, "contacts", "add", "--email", "kept@example.com").exitCode()).isZero();
		Path passwordFile = this.data.resolve("secrets").resolve("database-password");
		String db = "jdbc:hsqldb:file:" + this.data.resolve("db").resolve("kapta") + ";ifexists=true";
		try (var connection = DriverManager.getConnection(db, "SA", Files.readString(passwordFile).strip());
				var statement = connection.createStatement()) {
			statement.execute("ALTER USER SA SET PASSWORD ''");
			statement.execute("SHUTDOWN");
		}
		Files.delete(passwordFile);

		Path log = this.home.resolve("service.out");
		this.service = startService(log);
		Path portFile = this.data.resolve("db").resolve("server.port");
		awaitFile(portFile, log);
		String served = "jdbc:hsqldb:hsql://127.0.0.1:" + Files.readString(portFile).strip() + "/kapta";

		assertThatThrownBy(() -> DriverManager.getConnection(served, "SA", "").close()).isInstanceOf(SQLException.class)
			.satisfies((ex) -> assertThat(((SQLException) ex).getSQLState()).startsWith("28"));
		String password = Files.readString(passwordFile).strip();
		assertThat(password).hasSizeGreaterThanOrEqualTo(40);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
		try (var connection = DriverManager.getConnection(served, "SA", password);
				var statement = connection.createStatement();
				var result = statement.executeQuery("SELECT email FROM contact")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getString(1)).as("nothing lost on the way").isEqualTo("kept@example.com");
		}
		assertThat(CliRun.run(this.data, "contacts", "list").out()).as("a command through the server")
			.contains("kept@example.com");
		assertThat(read(log)).doesNotContain(password);
		assertThat(Files.readString(this.data.resolve("logs").resolve("kapta.log"))).doesNotContain(password);
	}

	@Test
	void theDataFolderIsItsOwnersOnlyAndTheJobsFolderNeverOthersTightenedOnStart() throws Exception {
		// a data folder and a jobs folder made under a loose umask by the version before
		assertThat(CliRun.run(this.data, "contacts", "add", "--email", "kept@example.com").exitCode()).isZero();
		Path jobs = this.home.resolve("jobs");
		Path oldExport = Files.writeString(jobs.resolve("export").resolve("old.xlsx"), "old");
		Path outside = Files.writeString(this.home.resolve("outside.txt"), "not Kapta's");
		Files.createSymbolicLink(jobs.resolve("export").resolve("link.xlsx"), outside);
		try (Stream<Path> all = Stream.concat(Files.walk(this.data), Files.walk(jobs))) {
			for (Path path : all.filter((p) -> !Files.isSymbolicLink(p)).toList()) {
				Files.setPosixFilePermissions(path,
						PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxrwxrwx" : "rw-rw-rw-"));
			}
		}
		Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-rw-rw-"));

		Path log = this.home.resolve("service.out");
		this.service = startService(log);
		awaitFile(this.data.resolve("db").resolve("server.port"), log);
		// the service's ready once it answers; what it made meanwhile is tightened too
		await().atMost(Duration.ofSeconds(60)).until(() -> read(log).contains("Web console and API on"));

		try (Stream<Path> all = Files.walk(this.data)) {
			assertThat(all.filter((p) -> !Files.isSymbolicLink(p)).toList()).isNotEmpty()
				.allSatisfy((path) -> assertThat(mode(path)).as(path.toString()).endsWith("------"));
		}
		assertThat(mode(this.data)).isEqualTo("rwx------");
		try (Stream<Path> all = Files.walk(jobs)) {
			assertThat(all.filter((p) -> !Files.isSymbolicLink(p)).toList())
				.allSatisfy((path) -> assertThat(mode(path)).as(path.toString()).endsWith("---"));
		}
		assertThat(mode(oldExport)).isEqualTo("rw-rw----");
		assertThat(mode(outside)).as("a link is not followed").isEqualTo("rw-rw-rw-");

		// what a command makes in the jobs folder is the data team's, not others'
		this.service.destroy();
		this.service.waitFor(30, TimeUnit.SECONDS);
		assertThat(CliRun.run(this.data, "export").exitCode()).isZero();
		try (Stream<Path> exports = Files.list(jobs.resolve("export"))) {
			assertThat(exports.filter((p) -> p.getFileName().toString().startsWith("mailchimp-contacts")).toList())
				.isNotEmpty()
				.allSatisfy((export) -> assertThat(mode(export)).endsWith("---"));
		}
	}

	private static String mode(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
	}

	/**
	 * A job execution written through the service's database, as a job launched by a
	 * one-shot command would be.
	 */
	private void recordAJobExecution() {
		System.setProperty("kapta.data-dir", this.data.toString());
		try (var context = new SpringApplicationBuilder(KaptaApplication.class).run()) {
			JobRepository jobs = context.getBean(JobRepository.class);
			var parameters = new JobParametersBuilder().addLong("run", 1L).toJobParameters();
			JobInstance instance = jobs.createJobInstance("probe", parameters);
			jobs.createJobExecution(instance, parameters, new ExecutionContext());
		}
		finally {
			System.clearProperty("kapta.data-dir");
		}
	}

	/** {@code ./run.sh service} in a JVM of its own, on this test's home. */
	private Process startService(Path log) throws IOException {
		var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), KaptaApplication.class.getName(), "service")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("KAPTA_DATA_DIR", this.data.toString());
		builder.environment().put("KAPTA_JOBS_DIR", this.home.resolve("jobs").toString());
		builder.environment().put("KAPTA_WEB_PORT", "0");
		builder.environment().remove("MAILCHIMP_API_KEY");
		return builder.start();
	}

	private void awaitFile(Path file, Path log) {
		await().alias("the service starts").atMost(Duration.ofSeconds(60)).until(() -> {
			assertThat(this.service.isAlive()).as(() -> "the service died: " + read(log)).isTrue();
			return Files.exists(file);
		});
	}

	private static String read(Path log) {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

}
