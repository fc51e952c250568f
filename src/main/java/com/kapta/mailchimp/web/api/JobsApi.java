package com.kapta.mailchimp.web.api;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.kapta.mailchimp.batch.JobHistory;
import com.kapta.mailchimp.batch.JobHistory.JobRun;
import com.kapta.mailchimp.batch.RunSummary;

/**
 * The job history from the job repository that every door shares, and one run's state.
 */
@RestController
@RequestMapping("/api/jobs")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class JobsApi {

	/**
	 * One run as the API shows it: what the history shows, and once it ended its summary
	 * lines and why it failed.
	 */
	record RunView(long id, String job, String status, @Nullable LocalDateTime started, @Nullable LocalDateTime ended,
			Map<String, String> summary, @Nullable String failure) {

		static RunView of(JobExecution execution) {
			boolean failed = !execution.getAllFailureExceptions().isEmpty();
			return new RunView(execution.getId(), execution.getJobInstance().getJobName(), execution.getStatus().name(),
					execution.getStartTime(), execution.getEndTime(), RunSummary.lines(execution),
					failed ? RunSummary.failureReason(execution) : null);
		}

	}

	private final JobHistory history;

	private final JobRepository jobRepository;

	JobsApi(JobHistory history, JobRepository jobRepository) {
		this.history = history;
		this.jobRepository = jobRepository;
	}

	/** The most recent runs of every job, newest first. */
	@GetMapping
	List<JobRun> recent(@RequestParam(defaultValue = "20") int limit) {
		return this.history.recent(Math.max(1, Math.min(limit, 500)));
	}

	@GetMapping("/{id}")
	RunView one(@PathVariable long id) {
		JobExecution execution = this.jobRepository.getJobExecution(id);
		if (execution == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No job run has the id " + id);
		}
		return RunView.of(execution);
	}

}
