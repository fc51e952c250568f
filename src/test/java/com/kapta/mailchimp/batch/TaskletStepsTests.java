package com.kapta.mailchimp.batch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.core.step.tasklet.TaskletStep;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;

import com.kapta.mailchimp.KaptaApplication;
import com.kapta.mailchimp.TestHomes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a restart finds if the process dies right after a preparing step was recorded
 * complete: Spring Batch records the step before it saves the job's context, so the
 * window is real, and a step built by {@link TaskletSteps} has already saved what it put
 * there.
 */
class TaskletStepsTests {

	private ConfigurableApplicationContext context;

	private JobRepository jobRepository;

	private PlatformTransactionManager transactionManager;

	/** What the database held, per step, at the moment the step counted as complete. */
	private final Map<String, String> seenAtCompletion = new ConcurrentHashMap<>();

	@BeforeEach
	void start() {
		TestHomes.reset("TaskletStepsTests");
		this.context = new SpringApplicationBuilder(KaptaApplication.class)
			.run("--kapta.data-dir=target/test-homes/TaskletStepsTests/data");
		this.jobRepository = this.context.getBean(JobRepository.class);
		this.transactionManager = this.context.getBean(PlatformTransactionManager.class);
	}

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void aStepRecordedCompleteHasAlreadySavedWhatItPutInTheJobsContext() throws Exception {
		Step step = TaskletSteps.step("prepare", this.jobRepository, this.transactionManager, puttingTheBound());

		assertThat(run("kept", step).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		assertThat(this.seenAtCompletion).containsEntry("prepare", "COMPLETED with bound 42");
	}

	@Test
	void aPlainTaskletStepIsRecordedCompleteBeforeTheJobsContextIsSaved() throws Exception {
		Step step = new StepBuilder("plain", this.jobRepository).tasklet(puttingTheBound(), this.transactionManager)
			.build();

		assertThat(run("plain", step).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		assertThat(this.seenAtCompletion).as("a kill now would restart without the bound")
			.containsEntry("plain", "COMPLETED with bound null");
	}

	private static Tasklet puttingTheBound() {
		return (contribution, chunkContext) -> {
			chunkContext.getStepContext()
				.getStepExecution()
				.getJobExecution()
				.getExecutionContext()
				.putLong("bound", 42);
			return RepeatStatus.FINISHED;
		};
	}

	/**
	 * Runs a job of this one step, noting what the database held when the step was
	 * recorded complete.
	 */
	private JobExecution run(String name, Step step) throws Exception {
		((TaskletStep) step).registerStepExecutionListener(new StepExecutionListener() {
			@Override
			public ExitStatus afterStep(StepExecution stepExecution) {
				// Spring Batch has saved the step's status by now (and not yet the job's
				// context)
				StepExecution stored = TaskletStepsTests.this.jobRepository.getStepExecution(stepExecution.getId());
				JobExecution job = TaskletStepsTests.this.jobRepository
					.getJobExecution(stepExecution.getJobExecutionId());
				Object bound = job.getExecutionContext().get("bound");
				TaskletStepsTests.this.seenAtCompletion.put(stepExecution.getStepName(),
						stored.getStatus() + " with bound " + bound);
				return null;
			}
		});
		var job = new JobBuilder(name, this.jobRepository).start(step).build();
		return this.context.getBean(JobOperator.class).start(job, new JobParameters());
	}

}
