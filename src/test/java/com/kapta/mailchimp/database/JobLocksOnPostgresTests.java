package com.kapta.mailchimp.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
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
			try (var lock = elsewhere.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
				lock.setInt(1, 0x4B415054);
				lock.setInt(2, "lockedJob".hashCode());
				lock.execute();
			}

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

	private Connection connect() throws Exception {
		return DriverManager.getConnection(this.environment.getProperty("kapta.database.url"),
				this.environment.getProperty("kapta.database.username"),
				this.environment.getProperty("kapta.database.password"));
	}

}
