package com.kapta.mailchimp.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.mailchimp.ConnectionBudget;

/**
 * Mailchimp's connection limit shared by every process on one PostgreSQL database: slot
 * {@code n} of the budget is the advisory lock ("KAPM", n), held by this process's one
 * budget connection (outside the pool) while a request of its own is on the wire. A
 * process that dies holds nothing (the server drops a session's locks with it). Within
 * the process, a semaphore of the same size queues requests first, so the database is
 * only asked for slots this process does not hold.
 */
final class SharedConnectionBudget implements ConnectionBudget, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SharedConnectionBudget.class);

	/** The first key of the budget's advisory locks: "KAPM". */
	private static final int NAMESPACE = 0x4B41504D;

	/**
	 * The longest pause before asking the database again while other processes hold every
	 * slot.
	 */
	private static final long MAX_PAUSE_MS = 50;

	private final DataSource dataSource;

	private final Semaphore local;

	/** Guarded by this: the slots this process holds, and the connection holding them. */
	private final boolean[] held;

	private @Nullable Connection connection;

	SharedConnectionBudget(DataSource dataSource, int slots) {
		this.dataSource = dataSource;
		this.local = new Semaphore(slots, true);
		this.held = new boolean[slots];
	}

	@Override
	public Slot take() {
		this.local.acquireUninterruptibly();
		try {
			long pause = 5;
			int slot;
			while ((slot = tryTake()) < 0) {
				// every slot this process lacks is another process's: its requests end
				// soon
				Thread.sleep(pause + ThreadLocalRandom.current().nextLong(pause));
				pause = Math.min(pause * 2, MAX_PAUSE_MS);
			}
			int taken = slot;
			return () -> release(taken);
		}
		catch (InterruptedException ex) {
			this.local.release();
			Thread.currentThread().interrupt();
			throw new KaptaException("Interrupted while waiting for a connection to Mailchimp", ex);
		}
		catch (RuntimeException ex) {
			this.local.release();
			throw ex;
		}
	}

	/**
	 * A slot this process did not hold and now does, or -1 when others hold them all. The
	 * kept connection may have gone meanwhile (a database restart, a cut): then once more
	 * on a new one.
	 */
	private synchronized int tryTake() {
		try {
			return tryTakeOn(connection());
		}
		catch (SQLException stale) {
			abandonConnection();
			try {
				return tryTakeOn(connection());
			}
			catch (SQLException ex) {
				abandonConnection();
				throw new KaptaException("The connection to the database was lost ("
						+ String.valueOf(ex.getMessage()).lines().findFirst().orElse("")
						+ "); Mailchimp's connections cannot be shared without it", ex);
			}
		}
	}

	private int tryTakeOn(Connection connection) throws SQLException {
		int slots = this.held.length;
		int start = ThreadLocalRandom.current().nextInt(slots);
		for (int i = 0; i < slots; i++) {
			int slot = (start + i) % slots;
			if (!this.held[slot] && AdvisoryLock.tryLock(connection, NAMESPACE, slot)) {
				this.held[slot] = true;
				return slot;
			}
		}
		return -1;
	}

	private synchronized void release(int slot) {
		try {
			if (this.held[slot]) {
				this.held[slot] = false;
				AdvisoryLock.unlock(this.connection, NAMESPACE, slot);
			}
		}
		catch (SQLException ex) {
			// the session is gone, and every slot it held with it
			abandonConnection();
		}
		finally {
			this.local.release();
		}
	}

	/**
	 * The budget's connection, opened when a first slot is wanted and kept: its own, not
	 * the pool's (a run waiting for a slot holds a pooled connection for its chunk; were
	 * the budget's taken from the same pool, a full pool would leave both waiting).
	 */
	private Connection connection() throws SQLException {
		if (this.connection == null) {
			this.connection = OwnConnections.open(this.dataSource);
		}
		return this.connection;
	}

	/**
	 * Forgets the connection and the slots it held: it is closed for good (aborted), and
	 * its locks go with it.
	 */
	private void abandonConnection() {
		if (this.connection != null) {
			try {
				this.connection.abort(Runnable::run);
			}
			catch (SQLException ex) {
				log.debug("Aborting the budget's connection: {}", ex.getMessage());
			}
			this.connection = null;
		}
		Arrays.fill(this.held, false);
	}

	/** When the application closes: the connection, and any slot, go. */
	@Override
	public synchronized void close() {
		abandonConnection();
	}

}
