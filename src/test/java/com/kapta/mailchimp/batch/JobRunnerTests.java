package com.kapta.mailchimp.batch;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import com.kapta.mailchimp.KaptaApplication;
import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.TestHomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class JobRunnerTests {

	private static final int CHUNK = 10;

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void aJobThatIsRunningIsNotStartedAgainEvenWithOtherParameters() {
		start("JobRunnerTests-overlap");
		JobRunner runner = this.context.getBean(JobRunner.class);
		Job job = this.context.getBean("slow", Job.class);
		CompletableFuture<JobExecution> first = CompletableFuture.supplyAsync(() -> runner.run(job, parameters(1)));
		await().atMost(Duration.ofSeconds(20)).until(() -> !SlowJob.written.isEmpty());

		assertThatThrownBy(() -> runner.run(job, parameters(2))).isInstanceOf(KaptaException.class)
			.hasMessageContaining("slow is already running");

		assertThat(first.join().getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(runner.run(job, parameters(2)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	@Test
	void closingTheApplicationStopsItsJobsAfterTheChunkInHand() throws Exception {
		start("JobRunnerTests-stop");
		JobRunner runner = this.context.getBean(JobRunner.class);
		Job job = this.context.getBean("slow", Job.class);
		CompletableFuture<JobExecution> run = CompletableFuture.supplyAsync(() -> runner.run(job, parameters(1)));
		await().atMost(Duration.ofSeconds(20)).until(() -> SlowJob.written.size() >= CHUNK);

		this.context.close(); // what SIGTERM does through Spring's shutdown hook

		JobExecution execution = run.get(30, TimeUnit.SECONDS);
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.STOPPED);
		int written = SlowJob.written.size();
		assertThat(written).isLessThan(SlowJob.ITEMS)
			.isEqualTo(execution.getStepExecutions().iterator().next().getWriteCount());
		assertThat(written % CHUNK).as("only whole chunks").isZero();
	}

	@Test
	void aRunLeftUnknownByALostDatabaseConnectionIsRestarted() throws Exception {
		start("JobRunnerTests-unknown");
		JobRunner runner = this.context.getBean(JobRunner.class);
		JobRepository repository = this.context.getBean(JobRepository.class);
		Job job = this.context.getBean("slow", Job.class);
		CompletableFuture<JobExecution> run = CompletableFuture.supplyAsync(() -> runner.run(job, parameters(1)));
		await().atMost(Duration.ofSeconds(20)).until(() -> SlowJob.written.size() >= CHUNK);
		JobExecution interrupted = repository.getLastJobExecution(repository.getLastJobInstance("slow"));
		runner.stop(interrupted);
		assertThat(run.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.STOPPED);
		// what Spring Batch records when it cannot save a failure: the connection is gone
		JobExecution unknown = repository.getLastJobExecution(repository.getLastJobInstance("slow"));
		for (var step : unknown.getStepExecutions()) {
			step.setStatus(BatchStatus.UNKNOWN);
			repository.update(step);
		}
		unknown.setStatus(BatchStatus.UNKNOWN);
		repository.update(unknown);

		assertThat(runner.restartLast(job).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(repository.getJobExecution(unknown.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
	}

	@Test
	void launchesOfOneJobFromManyThreadsAtOnceRunOneAtATimeAndTheOthersAreToldItRuns() throws Exception {
		start("JobRunnerTests-threads");
		JobRunner runner = this.context.getBean(JobRunner.class);
		Job job = this.context.getBean("slow", Job.class);
		ExecutorService threads = Executors.newFixedThreadPool(8);
		List<CompletableFuture<String>> launches = IntStream.range(0, 8)
			.mapToObj((i) -> CompletableFuture.supplyAsync(() -> {
				try {
					return runner.run(job, parameters(10 + i)).getStatus().name();
				}
				catch (JobBusyException ex) {
					return ex.getMessage();
				}
			}, threads))
			.toList();

		List<String> outcomes = launches.stream().map(CompletableFuture::join).toList();
		threads.shutdown();
		assertThat(outcomes).filteredOn("COMPLETED"::equals).hasSize(1);
		assertThat(outcomes).filteredOn((outcome) -> !outcome.equals("COMPLETED"))
			.hasSize(7)
			.allMatch((refusal) -> refusal.startsWith("Job slow is already running"));
		JdbcTemplate jdbc = this.context.getBean(JdbcTemplate.class);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Integer.class))
			.as("the refused launches created no run")
			.isEqualTo(1);
	}

	@Test
	void aRunBeingLaunchedIsNotTakenForInterruptedUntilItsLaunchHasLongDied() {
		start("JobRunnerTests-launching");
		JobRunner runner = this.context.getBean(JobRunner.class);
		JobRepository repository = this.context.getBean(JobRepository.class);
		Job job = this.context.getBean("slow", Job.class);
		// what a launch in another process has made when it has not yet named its owner
		var instance = repository.createJobInstance("slow", parameters(1));
		JobExecution launching = repository.createJobExecution(instance, parameters(1), new ExecutionContext());

		assertThat(runner.orphaned(job)).isFalse();
		assertThat(runner.wasInterrupted(job)).isFalse();
		assertThatThrownBy(() -> runner.restartLast(job)).isInstanceOf(JobBusyException.class);
		assertThat(repository.getJobExecution(launching.getId()).getStatus()).isEqualTo(BatchStatus.STARTING);

		this.context.getBean(JdbcTemplate.class)
			.update("UPDATE BATCH_JOB_EXECUTION SET CREATE_TIME = ? WHERE JOB_EXECUTION_ID = ?",
					LocalDateTime.now().minusMinutes(5), launching.getId());
		assertThat(runner.orphaned(job)).as("its launch died five minutes ago").isTrue();
	}

	@Test
	void theJobListShowsARunWhileItGoesAndOnceItEnded() throws Exception {
		start("JobRunnerTests-history");
		JobRunner runner = this.context.getBean(JobRunner.class);
		JobHistory history = this.context.getBean(JobHistory.class);
		Job job = this.context.getBean("slow", Job.class);
		CompletableFuture<JobExecution> run = CompletableFuture.supplyAsync(() -> runner.run(job, parameters(7)));
		await().atMost(Duration.ofSeconds(20)).until(() -> SlowJob.written.size() >= 3 * CHUNK);

		JobHistory.JobRun going = history.recent(5).get(0);
		assertThat(going.job()).isEqualTo("slow");
		assertThat(going.status()).isEqualTo(BatchStatus.STARTED);
		assertThat(going.parameters()).isEqualTo("run=7");
		assertThat(going.read()).isPositive().isLessThan(SlowJob.ITEMS);

		JobExecution ended = run.get(30, TimeUnit.SECONDS);
		JobHistory.JobRun done = history.recent(5).get(0);
		assertThat(done.executionId()).isEqualTo(ended.getId());
		assertThat(done.status()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(done.read()).isEqualTo(SlowJob.ITEMS);
		assertThat(done.written()).isEqualTo(SlowJob.ITEMS);
		assertThat(history.recent(5).get(0)).as("read again").isEqualTo(done);
	}

	private void start(String home) {
		SlowJob.written.clear();
		TestHomes.reset(home);
		this.context = new SpringApplicationBuilder(KaptaApplication.class, SlowJob.class)
			.run("--kapta.data-dir=target/test-homes/" + home + "/data");
	}

	private static JobParameters parameters(long run) {
		return new JobParametersBuilder().addLong("run", run).toJobParameters();
	}

	/**
	 * A job of 50 chunks that takes a moment per chunk (not a component: only these tests
	 * register it).
	 */
	static class SlowJob {

		static final int ITEMS = 500;

		static final List<Integer> written = new CopyOnWriteArrayList<>();

		@Bean
		Job slow(JobRepository jobRepository, PlatformTransactionManager transactionManager) {
			var step = new StepBuilder("slowStep", jobRepository).<Integer, Integer>chunk(CHUNK)
				.transactionManager(transactionManager)
				.reader(new ListItemReader<>(IntStream.range(0, ITEMS).boxed().toList()))
				.writer((chunk) -> {
					Thread.sleep(40);
					written.addAll(chunk.getItems());
				})
				.build();
			return new JobBuilder("slow", jobRepository).start(step).build();
		}

	}

}
