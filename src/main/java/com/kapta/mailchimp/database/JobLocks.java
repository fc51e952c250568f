package com.kapta.mailchimp.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.KaptaException;

/**
 * One lock per job name, so that two runs of one job never overlap: in this process
 * always (the service launches from request threads, the schedule and the drop folder at
 * once), and on PostgreSQL across processes and machines too: an advisory lock, held by a
 * connection of the run's for as long as it runs; the server drops it the moment that
 * connection goes, so a run whose process died (kill -9, machine gone) holds nothing.
 * Across processes on the embedded file (a one-shot command beside the service) the job
 * repository's check with the owner's process id does that part. The lock's connection is
 * its own, outside the pool: a run never holds a pooled connection while it waits for the
 * others it needs.
 */
@Component
public class JobLocks implements DisposableBean {

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

	private final Duration checkEvery;

	/** Which jobs a run of this process holds: one permit each. */
	private final Map<String, Semaphore> here = new ConcurrentHashMap<>();

	/** The locks this process holds, looked at every {@code checkEvery}. */
	private final Set<HeldLock> held = ConcurrentHashMap.newKeySet();

	private @Nullable ScheduledExecutorService watch;

	JobLocks(DataSource dataSource, Dialect dialect, DatabaseProperties properties) {
		this.dataSource = dataSource;
		this.dialect = dialect;
		this.checkEvery = properties.lockCheck();
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
		return tryLock(jobName, () -> {
		});
	}

	/**
	 * As {@link #tryLock(String)}; {@code lost} runs if the lock goes with its connection
	 * (a database restart) and another process has taken it before it could be taken
	 * again: the run holding the lease must then stop.
	 */
	public Optional<Lease> tryLock(String jobName, Runnable lost) {
		return tryLock(jobName, lost, Duration.ZERO);
	}

	/**
	 * As {@link #tryLock(String, Runnable)}, waiting up to {@code wait} while a run of
	 * this process holds the job.
	 */
	public Optional<Lease> tryLock(String jobName, Runnable lost, Duration wait) {
		Semaphore local = this.here.computeIfAbsent(jobName, (name) -> new Semaphore(1));
		try {
			if (!local.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
				return Optional.empty();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
		Lease released = new LocalLease(local);
		if (!inDatabase()) {
			return Optional.of(released);
		}
		Connection connection;
		try {
			connection = take(jobName);
		}
		catch (RuntimeException ex) {
			released.close();
			throw ex;
		}
		if (connection == null) {
			released.close();
			return Optional.empty();
		}
		HeldLock lease = new HeldLock(jobName, connection, lost, released);
		this.held.add(lease);
		watch();
		return Optional.of(lease);
	}

	/** Whether a run of this process holds the job's lock now. */
	public boolean heldHere(String jobName) {
		Semaphore local = this.here.get(jobName);
		return local != null && local.availablePermits() == 0;
	}

	/** Whether a run of the job holds its lock now (in any process, on PostgreSQL). */
	public boolean held(String jobName) {
		if (!inDatabase()) {
			return heldHere(jobName);
		}
		Connection connection = take(jobName);
		if (connection != null) {
			release(connection, jobName);
		}
		return connection == null;
	}

	/**
	 * A connection of its own (not the pool's) holding the job's lock, or null when
	 * another holds it.
	 */
	private @Nullable Connection take(String jobName) {
		Connection connection = null;
		try {
			connection = OwnConnections.open(this.dataSource);
			if (AdvisoryLock.tryLock(connection, NAMESPACE, jobName.hashCode())) {
				return connection;
			}
			connection.close();
			return null;
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw new KaptaException("Cannot take the lock of job " + jobName + ": " + ex.getMessage(), ex);
		}
	}

	private synchronized void watch() {
		if (this.watch == null) {
			this.watch = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "job-locks");
				thread.setDaemon(true);
				return thread;
			});
			long every = this.checkEvery.toMillis();
			this.watch.scheduleWithFixedDelay(() -> this.held.forEach(HeldLock::check), every, every,
					TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public synchronized void destroy() {
		if (this.watch != null) {
			this.watch.shutdownNow();
		}
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

	private static void closeQuietly(@Nullable Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				log.debug("Closing a lock connection: {}", ex.getMessage());
			}
		}
	}

	/**
	 * A lock this process holds for a run, on a connection of its own. A database restart
	 * cuts that connection and frees the lock: the next check takes it again on a new
	 * connection, unless another process took it first (its recovery check saw the run as
	 * orphaned), in which case the run is told to stop.
	 */
	private final class HeldLock implements Lease {

		private final String jobName;

		private final Runnable lost;

		private final Lease here;

		private Connection connection;

		private boolean ended;

		HeldLock(String jobName, Connection connection, Runnable lost, Lease here) {
			this.jobName = jobName;
			this.connection = connection;
			this.lost = lost;
			this.here = here;
		}

		synchronized void check() {
			if (this.ended || connected()) {
				return;
			}
			try {
				this.connection.abort(Runnable::run);
			}
			catch (SQLException ex) {
				log.debug("Aborting the lock connection of {}: {}", this.jobName, ex.getMessage());
			}
			Connection again;
			try {
				again = take(this.jobName);
			}
			catch (KaptaException ex) {
				// the database is not back yet: the next check tries again
				log.info("The lock of {} went with its database connection; {}", this.jobName, ex.getMessage());
				return;
			}
			if (again != null) {
				log.info("Took the lock of {} again on a new database connection", this.jobName);
				this.connection = again;
				return;
			}
			log.warn("The lock of {} went with its database connection and another process took it; "
					+ "stopping the run here after its chunk", this.jobName);
			end();
			this.lost.run();
		}

		private boolean connected() {
			try {
				return this.connection.isValid(2);
			}
			catch (SQLException ex) {
				return false;
			}
		}

		@Override
		public synchronized void close() {
			if (!this.ended) {
				end();
				release(this.connection, this.jobName);
			}
			this.here.close();
		}

		private void end() {
			this.ended = true;
			JobLocks.this.held.remove(this);
		}

	}

	/** This process's hold on a job: given back once, however often it is closed. */
	private static final class LocalLease implements Lease {

		private final Semaphore permit;

		private final AtomicBoolean open = new AtomicBoolean(true);

		LocalLease(Semaphore permit) {
			this.permit = permit;
		}

		@Override
		public void close() {
			if (this.open.compareAndSet(true, false)) {
				this.permit.release();
			}
		}

	}

}
