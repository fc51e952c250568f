package com.kapta.mailchimp.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.kapta.mailchimp.KaptaException;

/**
 * One lock per job name in the database, so that two runs of one job never overlap across
 * processes and machines. On PostgreSQL an advisory lock, held by a connection of the
 * run's for as long as it runs: the server drops it the moment that connection goes, so a
 * run whose process died (kill -9, machine gone) holds nothing. The embedded file needs
 * none: one process, or the service's server, holds it, and the job repository's check
 * with the owner's process id is enough there.
 */
@Component
public class JobLocks {

	private static final Logger log = LoggerFactory.getLogger(JobLocks.class);

	/** The first key of Kapta's advisory locks (the second is the job's): "KAPT". */
	private static final int NAMESPACE = 0x4B415054;

	/** A job's lock, held until closed. */
	public interface Lease extends AutoCloseable {

		@Override
		void close();

	}

	private final DataSource dataSource;

	private final Dialect dialect;

	JobLocks(DataSource dataSource, Dialect dialect) {
		this.dataSource = dataSource;
		this.dialect = dialect;
	}

	/** Whether the locks are the database's (otherwise every lease is granted). */
	public boolean inDatabase() {
		return this.dialect == Dialect.POSTGRESQL;
	}

	/**
	 * The job's lock, or nothing when a run of the job holds it elsewhere; on the
	 * embedded file, always a lease.
	 */
	public Optional<Lease> tryLock(String jobName) {
		if (!inDatabase()) {
			return Optional.of(() -> {
			});
		}
		Connection connection = null;
		try {
			connection = this.dataSource.getConnection();
			if (AdvisoryLock.tryLock(connection, NAMESPACE, jobName.hashCode())) {
				Connection held = connection;
				return Optional.of(() -> release(held, jobName));
			}
			connection.close();
			return Optional.empty();
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw new KaptaException("Cannot take the lock of job " + jobName + ": " + ex.getMessage(), ex);
		}
	}

	/** Whether a run of the job holds its lock now (in any process). */
	public boolean held(String jobName) {
		return tryLock(jobName).map((lease) -> {
			lease.close();
			return false;
		}).orElse(true);
	}

	private static void release(Connection connection, String jobName) {
		try (connection) {
			AdvisoryLock.unlock(connection, NAMESPACE, jobName.hashCode());
		}
		catch (SQLException ex) {
			// the connection is gone, and with it the lock
			log.debug("Releasing the lock of {}: {}", jobName, ex.getMessage());
		}
	}

	private static void closeQuietly(Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				log.debug("Closing a lock connection: {}", ex.getMessage());
			}
		}
	}

}
