package com.kapta.mailchimp.batch;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
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

	/** How many ended runs are kept as read: more than a page of the job list holds. */
	private static final int KEPT = 1000;

	private final JobRepository jobRepository;

	private final JdbcClient jdbc;

	/**
	 * Ended runs as read once: they no longer change, and reading a run from the
	 * repository (its steps, each step's context) is what made the job list slow while a
	 * push ran after every edit.
	 */
	private final Map<Long, JobRun> ended = Collections.synchronizedMap(new LinkedHashMap<>(KEPT, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, JobRun> eldest) {
			return size() > KEPT;
		}
	});

	/** How old a run {@link #shown} may be. */
	static final Duration FRESH = Duration.ofMillis(250);

	/** A run as read, and when. */
	private record Shown(JobExecution execution, long readAt) {
	}

	private final Map<Long, Shown> shown = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, Shown> eldest) {
			return size() > 64;
		}
	});

	JobHistory(JobRepository jobRepository, JdbcClient jdbc) {
		this.jobRepository = jobRepository;
		this.jdbc = jdbc;
	}

	/**
	 * The {@code limit} most recent executions of all jobs, newest first (ids grow with
	 * each execution created, in every process).
	 */
	public List<JobRun> recent(int limit) {
		return find(RunFilter.none(), limit);
	}

	/**
	 * The {@code limit} most recent executions the filter lets through, newest first: the
	 * ids by one query down the key (the next page goes on from the last id), then each
	 * run as {@link #recent} reads it.
	 */
	public List<JobRun> find(RunFilter filter, int limit) {
		// each filter a condition on the executions, walked down their key until the
		// page is full: as a join, the job's name led HSQLDB to read and sort all the
		// job's runs (0.2 s a query at 100 000 runs, five of them for the trends)
		StringBuilder sql = new StringBuilder("SELECT e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e WHERE 1 = 1");
		List<Object> params = new ArrayList<>();
		if (filter.job() != null) {
			sql.append(" AND EXISTS (SELECT 1 FROM BATCH_JOB_INSTANCE i WHERE i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
					+ " AND i.JOB_NAME = ?)");
			params.add(filter.job());
		}
		if (filter.status() != null) {
			sql.append(" AND e.STATUS = ?");
			params.add(filter.status());
		}
		if (filter.from() != null) {
			sql.append(" AND e.CREATE_TIME >= ?");
			params.add(filter.from().atStartOfDay());
		}
		if (filter.to() != null) {
			sql.append(" AND e.CREATE_TIME < ?");
			params.add(filter.to().plusDays(1).atStartOfDay());
		}
		if (filter.parameter() != null) {
			// a text anywhere in a value: no index serves it, so the parameters are read
			// once, not looked up run by run (three times faster)
			sql.append(" AND e.JOB_EXECUTION_ID IN (SELECT p.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION_PARAMS p"
					+ " WHERE LOWER(p.PARAMETER_VALUE) LIKE ? ESCAPE '!')");
			params.add("%" + filter.parameter().toLowerCase(Locale.ROOT).replaceAll("[!%_]", "!$0") + "%");
		}
		if (filter.before() != null) {
			sql.append(" AND e.JOB_EXECUTION_ID < ?");
			params.add(filter.before());
		}
		sql.append(" ORDER BY e.JOB_EXECUTION_ID DESC LIMIT ?");
		params.add(limit);
		List<Long> ids = this.jdbc.sql(sql.toString()).params(params).query(Long.class).list();
		List<JobRun> runs = new ArrayList<>();
		for (long id : ids) {
			JobRun known = this.ended.get(id);
			if (known != null) {
				runs.add(known);
				continue;
			}
			going(id).or(() -> find(id).map((execution) -> {
				JobRun run = run(execution);
				if (!execution.isRunning() && execution.getStatus() != BatchStatus.UNKNOWN) {
					this.ended.put(id, run);
				}
				return run;
			})).ifPresent(runs::add);
		}
		return runs;
	}

	/**
	 * A run still going, read from the repository's tables: its steps' counts without
	 * their contexts, which a running upload has a dozen of; empty once it ended.
	 */
	private Optional<JobRun> going(long id) {
		Optional<JobRun> counted = this.jdbc
			.sql("""
					SELECT i.JOB_NAME, e.STATUS, e.START_TIME, COALESCE(SUM(s.READ_COUNT), 0) AS READ_COUNT,
					       COALESCE(SUM(s.WRITE_COUNT), 0) AS WRITE_COUNT,
					       COALESCE(SUM(s.READ_SKIP_COUNT + s.PROCESS_SKIP_COUNT + s.WRITE_SKIP_COUNT), 0) AS SKIP_COUNT
					FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
					LEFT JOIN BATCH_STEP_EXECUTION s ON s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND s.STEP_NAME NOT LIKE '%:%'
					WHERE e.JOB_EXECUTION_ID = ? AND e.STATUS IN ('STARTING', 'STARTED', 'STOPPING')
					GROUP BY i.JOB_NAME, e.STATUS, e.START_TIME""")
			.param(id)
			.query((rs, n) -> {
				LocalDateTime start = (rs.getTimestamp("START_TIME") != null)
						? rs.getTimestamp("START_TIME").toLocalDateTime() : null;
				return new JobRun(rs.getString("JOB_NAME"), id, "", BatchStatus.valueOf(rs.getString("STATUS")), start,
						(start != null) ? Duration.between(start, LocalDateTime.now()) : Duration.ZERO,
						rs.getLong("READ_COUNT"), rs.getLong("WRITE_COUNT"), rs.getLong("SKIP_COUNT"), null);
			})
			.optional();
		// its parameters after, not while the first query's rows are read on a connection
		return counted.map((run) -> new JobRun(run.job(), id, parameters(id), run.status(), run.started(),
				run.duration(), run.read(), run.written(), run.skipped(), null));
	}

	private String parameters(long id) {
		return this.jdbc
			.sql("SELECT PARAMETER_NAME, PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = ?")
			.param(id)
			.query((rs, n) -> rs.getString(1) + "=" + rs.getString(2))
			.list()
			.stream()
			.sorted()
			.collect(Collectors.joining(" "));
	}

	/**
	 * A run's parameters as the history and the audit trail show them: sorted name=value.
	 */
	static String parametersText(JobParameters parameters) {
		return parameters.parameters()
			.stream()
			.map((parameter) -> parameter.name() + "=" + parameter.value())
			.sorted()
			.collect(Collectors.joining(" "));
	}

	private static JobRun run(JobExecution execution) {
		String parameters = parametersText(execution.getJobParameters());
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

	/**
	 * The run with this id as it stood at most {@link #FRESH} ago, for showing it: a
	 * run's page and its API status are asked again and again while it runs, and reading
	 * a partitioned run (a dozen steps, each with its context) each time kept the service
	 * busy under load. Its progress moves once a chunk anyway.
	 */
	public Optional<JobExecution> shown(long executionId) {
		Shown seen = this.shown.get(executionId);
		if (seen != null && System.nanoTime() - seen.readAt() < FRESH.toNanos()) {
			return Optional.of(seen.execution());
		}
		Optional<JobExecution> read = find(executionId);
		read.ifPresent((execution) -> this.shown.put(executionId, new Shown(execution, System.nanoTime())));
		return read;
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
