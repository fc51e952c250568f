package com.kapta.mailchimp.database;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalInt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.kapta.mailchimp.Causes;

/**
 * Chooses how a one-shot command reaches the database: through the service's server when
 * it is up, otherwise by opening the file itself. While another process holds the file (a
 * service that is starting, or another one-shot command) it waits a little and looks
 * again.
 */
class DatabaseLocator {

	private static final Logger log = LoggerFactory.getLogger(DatabaseLocator.class);

	private static final Duration POLL = Duration.ofMillis(250);

	private final DatabaseFiles files;

	private final Duration lockWait;

	private final DatabasePassword password;

	DatabaseLocator(DatabaseFiles files, Duration lockWait) {
		this.files = files;
		this.lockWait = lockWait;
		this.password = new DatabasePassword(files);
	}

	/** Where the database is reached, and with which password. */
	record Way(String url, String password) {
	}

	Way connectable() {
		long deadline = System.nanoTime() + this.lockWait.toNanos();
		while (true) {
			OptionalInt port = servedPort();
			if (port.isPresent()) {
				log.debug("Using the service's database server on port {}", port.getAsInt());
				return new Way(DatabaseFiles.serverUrl(port.getAsInt()), this.password.forClients());
			}
			try (DatabasePassword.Opened opened = this.password.open(this.files.fileUrl())) {
				log.debug("Opened the database file {}", this.files.databasePath());
				return new Way(this.files.fileUrl(), opened.password());
			}
			catch (SQLException ex) {
				if (!isLockHeld(ex)) {
					throw new DatabaseUnavailableException(
							"Cannot open the database in " + this.files.dataDir() + ": " + ex.getMessage(), ex);
				}
				if (System.nanoTime() > deadline) {
					throw new DatabaseUnavailableException(
							"The database in " + this.files.dataDir()
									+ " is in use by another process; run './run.sh service' to let commands share it",
							ex);
				}
			}
			sleep();
		}
	}

	/** The service's port, if its port file exists and something answers there. */
	OptionalInt servedPort() {
		try {
			if (!Files.exists(this.files.serverPortFile())) {
				return OptionalInt.empty();
			}
			int port = Integer.parseInt(Files.readString(this.files.serverPortFile()).trim());
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
				return OptionalInt.of(port);
			}
		}
		catch (IOException | NumberFormatException ex) {
			// a port file left by a killed service: the file database is the way in
			return OptionalInt.empty();
		}
	}

	private static boolean isLockHeld(SQLException ex) {
		return Causes.chain(ex)
			.anyMatch((t) -> t.getMessage() != null && t.getMessage().contains("lock acquisition failure"));
	}

	private static void sleep() {
		try {
			Thread.sleep(POLL.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the database", ex);
		}
	}

}
