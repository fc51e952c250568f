package com.kapta.mailchimp.batch;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;

/**
 * The recent job executions, read from Spring Batch's job repository (shared by every
 * process).
 */
@Component
public class JobHistory {

	/**
	 * One execution of a job.
	 *
	 * @param job the job's name
	 * @param executionId the execution's id
	 * @param parameters the job parameters as {@code name=value} (they never hold a
	 * secret)
	 * @param status the execution's status
	 * @param started when it started; missing if it never did
	 * @param duration how long it ran (so far, while it runs)
	 * @param read items read, over all steps
	 * @param written items written
	 * @param skipped items skipped
	 * @param apiCalls the calls to Mailchimp the execution made, once it ended, e.g.
	 * {@code 212 (3 retried)}
	 */
	public record JobRun(String job, long executionId, String parameters, BatchStatus status,
			@Nullable LocalDateTime started, Duration duration, long read, long written, long skipped,
			@Nullable String apiCalls) {
	}

	private final JobRepository jobRepository;

	JobHistory(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	/** The {@code limit} most recent executions of all jobs, newest first. */
	public List<JobRun> recent(int limit) {
		List<JobExecution> executions = new ArrayList<>();
		for (String job : this.jobRepository.getJobNames()) {
			for (JobInstance instance : this.jobRepository.getJobInstances(job, 0, limit)) {
				executions.addAll(this.jobRepository.getJobExecutions(instance));
			}
		}
		return executions.stream()
			.sorted(Comparator.comparing(JobExecution::getCreateTime).reversed())
			.limit(limit)
			.map(JobHistory::run)
			.toList();
	}

	private static JobRun run(JobExecution execution) {
		String parameters = execution.getJobParameters()
			.parameters()
			.stream()
			.map((parameter) -> parameter.name() + "=" + parameter.value())
			.sorted()
			.collect(Collectors.joining(" "));
		LocalDateTime start = execution.getStartTime();
		LocalDateTime end = (execution.getEndTime() != null) ? execution.getEndTime() : LocalDateTime.now();
		// a partitioned step already adds up its partitions ("worker:partitionN"): count
		// it once
		var steps = execution.getStepExecutions().stream().filter((step) -> !step.getStepName().contains(":")).toList();
		return new JobRun(execution.getJobInstance().getJobName(), execution.getId(), parameters, execution.getStatus(),
				start, (start != null) ? Duration.between(start, end) : Duration.ZERO,
				steps.stream().mapToLong(StepExecution::getReadCount).sum(),
				steps.stream().mapToLong(StepExecution::getWriteCount).sum(),
				steps.stream().mapToLong(StepExecution::getSkipCount).sum(),
				RunSummary.lines(execution).get(RunSummary.API_CALLS));
	}

	/** The run with this id, if the repository has it. */
	public Optional<JobExecution> find(long executionId) {
		try {
			return Optional.ofNullable(this.jobRepository.getJobExecution(executionId));
		}
		catch (EmptyResultDataAccessException ex) {
			// Batch 6's JDBC repository throws where its contract says null
			return Optional.empty();
		}
	}

}
