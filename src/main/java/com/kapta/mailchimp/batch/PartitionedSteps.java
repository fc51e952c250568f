package com.kapta.mailchimp.batch;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The jobs' partitioned steps: a worker step run side by side over the partitioner's
 * ranges, at most {@link JobSizes#parallelism()} at once, each restartable on its own
 * ({@link ResumableSplitter}). The worker's step name names the partitions.
 */
public final class PartitionedSteps {

	private PartitionedSteps() {
	}

	public static Step step(String name, JobRepository jobRepository, Step worker, Partitioner partitioner,
			JobSizes sizes) {
		var threads = new SimpleAsyncTaskExecutor(worker.getName() + "-");
		threads.setConcurrencyLimit(sizes.parallelism());
		threads.setTaskDecorator(RunNotes.carryingTheRun());
		return new StepBuilder(name, jobRepository).partitioner(worker.getName(), partitioner)
			.splitter(new ResumableSplitter(jobRepository, worker.getName(), partitioner))
			.step(worker)
			.gridSize(sizes.parallelism())
			.taskExecutor(threads)
			.build();
	}

}
