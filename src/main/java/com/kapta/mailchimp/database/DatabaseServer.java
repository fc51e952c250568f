package com.kapta.mailchimp.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.SQLException;

import org.hsqldb.Database;
import org.hsqldb.server.Server;
import org.hsqldb.server.ServerConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.kapta.mailchimp.LocalPorts;
import com.kapta.mailchimp.SecretFiles;

/**
 * The service's HSQLDB server on 127.0.0.1: a file database admits one process, so the
 * long-lived service hosts it and one-shot commands connect through this server while it
 * runs. The port is published in {@link DatabaseFiles#serverPortFile()} for them.
 */
public class DatabaseServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(DatabaseServer.class);

	private final DatabaseFiles files;

	private final Server server = new Server();

	private int port;

	public DatabaseServer(DatabaseFiles files, int port) {
		this.files = files;
		this.port = port;
	}

	public void start() {
		if (this.port == 0) {
			this.port = LocalPorts.free();
		}
		// quiet first: every setter below would otherwise trace itself on the console
		this.server.setLogWriter(null);
		this.server.setErrWriter(null);
		this.server.setSilent(true);
		this.server.setTrace(false);
		this.server.setAddress("127.0.0.1");
		this.server.setPort(this.port);
		this.server.setDatabaseName(0, DatabaseFiles.DATABASE_NAME);
		this.server.setDatabasePath(0, this.files.serverDatabasePath());
		this.server.setNoSystemExit(true);
		this.server.setRestartOnShutdown(false);
		// the database gets its password (a new one is made with it) before anyone can
		// reach it on the port
		try (DatabasePassword.Opened opened = new DatabasePassword(this.files).open(this.files.fileUrl())) {
			log.debug("Database {} opened", this.files.databasePath());
		}
		catch (SQLException ex) {
			throw new DatabaseUnavailableException(
					"Cannot open the database in " + this.files.dataDir() + ": " + ex.getMessage(), ex);
		}
		this.server.start();
		if (this.server.getState() != ServerConstants.SERVER_STATE_ONLINE) {
			Throwable error = this.server.getServerError();
			this.server.stop();
			throw new DatabaseUnavailableException("Cannot serve the database on 127.0.0.1:" + this.port + ": "
					+ (error != null ? error.getMessage() : "the server did not start"), error);
		}
		log.info("Database {} served on 127.0.0.1:{}", this.files.databasePath(), this.port);
	}

	/**
	 * Publishes the port once the service's own connections work, so clients never see a
	 * half-open server.
	 */
	public void publish() {
		try {
			// not a secret, but a file of the data folder: its owner's only, and whole
			SecretFiles.write(this.files.serverPortFile(), Integer.toString(this.port));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + this.files.serverPortFile(), ex);
		}
	}

	public int port() {
		return this.port;
	}

	@Override
	public void close() {
		try {
			Files.deleteIfExists(this.files.serverPortFile());
		}
		catch (IOException ex) {
			log.warn("Cannot remove {}: {}", this.files.serverPortFile(), ex.getMessage());
		}
		this.server.shutdownCatalogs(Database.CLOSEMODE_NORMAL);
		this.server.stop();
		log.info("Database server stopped");
	}

}
