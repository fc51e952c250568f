package com.kapta.mailchimp.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.KaptaSpringTest;
import com.kapta.mailchimp.OnPostgres;
import com.kapta.mailchimp.batch.JobRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The overlap rule as the database's lock on PostgreSQL: a run elsewhere (another
 * process, another machine: here another connection) keeps a second run of its job from
 * starting, and its lock goes with its connection when it dies.
 */
@KaptaSpringTest
@OnPostgres
@TestPropertySource(properties = "kapta.database.lock-check=200ms")
class JobLocksOnPostgresTests {

	@Autowired
	JobLocks locks;

	@Autowired
	JobRunner runner;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	Environment environment;

	@Test
	void aJobsLeaseExcludesAnotherOfTheSameJobOnlyAndEndsWithItsClose() {
		Optional<JobLocks.Lease> upload = this.locks.tryLock("upload");
		assertThat(upload).isPresent();
		assertThat(this.locks.held("upload")).isTrue();
		assertThat(this.locks.tryLock("upload")).isEmpty();
		this.locks.tryLock("download-tags").orElseThrow().close();

		upload.get().close();

		assertThat(this.locks.held("upload")).isFalse();
	}

	@Test
	void aRunElsewhereKeepsTheJobFromStartingUntilItsConnectionIsGone() throws Exception {
		Job job = new JobBuilder("lockedJob", this.jobRepository)
			.start(new StepBuilder("lockedStep", this.jobRepository)
				.tasklet((contribution, context) -> RepeatStatus.FINISHED, this.transactionManager)
				.build())
			.build();
		JobParameters first = new JobParametersBuilder().addLong("n", 1L).toJobParameters();
		try (Connection elsewhere = connect()) {
			// what a run on another machine holds while it runs
			lock(elsewhere, "lockedJob");

			assertThatThrownBy(() -> this.runner.run(job, first)).isInstanceOf(KaptaException.class)
				.hasMessage("Job lockedJob is already running in another process or on another machine; "
						+ "wait for it to end");
		}
		// that connection is gone (no unlock): so is its lock, once the server's backend
		// for it has ended, which happens after the close returns
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.locks.held("lockedJob"));

		assertThat(this.runner.run(job, first).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.locks.held("lockedJob")).as("released when the run ended").isFalse();
	}

	@Test
	void aLockWhoseConnectionIsCutIsTakenAgain() throws Exception {
		AtomicBoolean lost = new AtomicBoolean();
		try (JobLocks.Lease lease = this.locks.tryLock("cut", () -> lost.set(true)).orElseThrow()) {
			long holder = lockHolder("cut");

			cut(holder);

			await().atMost(Duration.ofSeconds(10)).until(() -> lockHolder("cut") > 0 && lockHolder("cut") != holder);
			assertThat(lost).isFalse();
		}
		assertThat(lockHolder("cut")).as("released at the end").isZero();
	}

	@Test
	void aLockTakenByAnotherWhileItsConnectionWasCutIsLostAndSaysSo() throws Exception {
		AtomicBoolean lost = new AtomicBoolean();
		try (JobLocks.Lease lease = this.locks.tryLock("taken", () -> lost.set(true)).orElseThrow();
				Connection elsewhere = connect()) {
			CompletableFuture<Void> waiting = waitForTheLock(elsewhere, "taken");

			cut(lockHolder("taken"));

			waiting.get(10, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(10)).untilTrue(lost);
		}
	}

	@Test
	void aRunWhoseLockWentElsewhereStopsAfterItsChunk() throws Exception {
		Job job = new JobBuilder("slowLocked", this.jobRepository)
			.start(new StepBuilder("slowLockedStep", this.jobRepository).<Integer, Integer>chunk(5)
				.transactionManager(this.transactionManager)
				.reader(new ListItemReader<>(IntStream.range(0, 400).boxed().toList()))
				.writer((chunk) -> Thread.sleep(50))
				.build())
			// what every job bean of Kapta's gets
			.listener(this.runner)
			.build();
		CompletableFuture<JobExecution> run = CompletableFuture
			.supplyAsync(() -> this.runner.run(job, new JobParametersBuilder().addLong("n", 1L).toJobParameters()));
		await().atMost(Duration.ofSeconds(10)).until(() -> lockHolder("slowLocked") > 0);
		try (Connection elsewhere = connect()) {
			CompletableFuture<Void> waiting = waitForTheLock(elsewhere, "slowLocked");

			cut(lockHolder("slowLocked"));

			waiting.get(10, TimeUnit.SECONDS);
			JobExecution stopped = run.get(30, TimeUnit.SECONDS);
			assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
			assertThat(stopped.getStepExecutions().iterator().next().getWriteCount()).isLessThan(400);
		}
	}

	/**
	 * Another process (its recovery check) waiting for the job's lock: the server hands
	 * it over the moment the lock is free.
	 */
	private CompletableFuture<Void> waitForTheLock(Connection elsewhere, String jobName) {
		CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
			try {
				lock(elsewhere, jobName);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> waiters(jobName) == 1);
		return waiting;
	}

	/** Takes the job's lock on that connection, waiting for it if it is held. */
	private static void lock(Connection connection, String jobName) throws SQLException {
		try (var lock = connection.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
			lock.setInt(1, 0x4B415054);
			lock.setInt(2, jobName.hashCode());
			lock.execute();
		}
	}

	/** The server process of the connection that holds the job's lock; 0 if none does. */
	private long lockHolder(String jobName) throws Exception {
		return lockRows(jobName, "COALESCE(MAX(pid), 0)", true);
	}

	/** How many connections wait for the job's lock. */
	private long waiters(String jobName) throws Exception {
		return lockRows(jobName, "COUNT(*)", false);
	}

	private long lockRows(String jobName, String aggregate, boolean granted) throws Exception {
		try (Connection connection = connect();
				var query = connection.prepareStatement("SELECT " + aggregate + " FROM pg_locks WHERE locktype = "
						+ "'advisory' AND granted = ? AND classid = ? AND objid = ? AND objsubid = 2")) {
			query.setBoolean(1, granted);
			query.setLong(2, 0x4B415054);
			query.setLong(3, jobName.hashCode());
			try (var result = query.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

	/** Ends that server process, as a database restart ends them all. */
	private void cut(long pid) throws Exception {
		try (Connection connection = connect();
				var kill = connection.prepareStatement("SELECT pg_terminate_backend(?)")) {
			kill.setInt(1, (int) pid);
			kill.execute();
		}
	}

	private Connection connect() throws Exception {
		return DriverManager.getConnection(this.environment.getProperty("kapta.database.url"),
				this.environment.getProperty("kapta.database.username"),
				this.environment.getProperty("kapta.database.password"));
	}

}
