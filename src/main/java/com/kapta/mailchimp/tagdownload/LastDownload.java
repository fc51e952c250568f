package com.kapta.mailchimp.tagdownload;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The last download that changed Kapta: its last completed run (not a dry run), begun at
 * its first execution's start (a run resumed after a kill read the changes from there),
 * with the counts it was prepared from.
 */
@Component
class LastDownload {

	/**
	 * The last download.
	 *
	 * @param started when its run's first execution began
	 * @param members the audience's member count it read
	 * @param tagMembers each tag's member count it read, by tag id
	 */
	record Last(Instant started, long members, Map<Long, Long> tagMembers) {
	}

	private final JdbcTemplate jdbc;

	private final JobRepository jobRepository;

	LastDownload(JdbcTemplate jdbc, JobRepository jobRepository) {
		this.jdbc = jdbc;
		this.jobRepository = jobRepository;
	}

	Optional<Last> find() {
		List<Map<String, Object>> run = this.jdbc.queryForList(
				"""
						SELECT e.JOB_INSTANCE_ID, e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e
						JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
						WHERE i.JOB_NAME = ? AND e.STATUS = 'COMPLETED' AND NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS p
						    WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'dryRun'
						    AND p.PARAMETER_VALUE = 'true')
						ORDER BY e.JOB_EXECUTION_ID DESC LIMIT 1""",
				DownloadJobConfiguration.JOB);
		if (run.isEmpty()) {
			return Optional.empty();
		}
		// the repository keeps its times as the JVM's local date-times
		Timestamp first = this.jdbc.queryForObject(
				"SELECT MIN(START_TIME) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ?", Timestamp.class,
				((Number) run.get(0).get("JOB_INSTANCE_ID")).longValue());
		JobExecution completed = this.jobRepository
			.getJobExecution(((Number) run.get(0).get("JOB_EXECUTION_ID")).longValue());
		if (first == null || completed == null) {
			return Optional.empty();
		}
		return Optional.of(new Last(first.toInstant(), DownloadPreparation.members(completed),
				DownloadPreparation.tagMembers(completed)));
	}

}
