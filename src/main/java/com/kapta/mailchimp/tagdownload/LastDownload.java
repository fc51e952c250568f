package com.kapta.mailchimp.tagdownload;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * When the last download that changed Kapta began: its last completed run (not a dry
 * run), from its first execution's start (a run resumed after a kill read the changes
 * from there).
 */
@Component
class LastDownload {

	private final JdbcTemplate jdbc;

	LastDownload(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Instant> started() {
		List<Long> run = this.jdbc.queryForList(
				"""
						SELECT e.JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION e
						JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
						WHERE i.JOB_NAME = ? AND e.STATUS = 'COMPLETED' AND NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS p
						    WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'dryRun'
						    AND p.PARAMETER_VALUE = 'true')
						ORDER BY e.JOB_EXECUTION_ID DESC LIMIT 1""",
				Long.class, DownloadJobConfiguration.JOB);
		if (run.isEmpty()) {
			return Optional.empty();
		}
		// the repository keeps its times as the JVM's local date-times
		Timestamp first = this.jdbc.queryForObject(
				"SELECT MIN(START_TIME) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ?", Timestamp.class,
				run.get(0));
		return Optional.ofNullable(first).map(Timestamp::toInstant);
	}

}
