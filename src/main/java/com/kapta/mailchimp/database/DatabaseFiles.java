package com.kapta.mailchimp.database;

import java.nio.file.Path;

/**
 * Where the embedded HSQLDB database lives under the data folder, and the URLs that reach
 * it.
 *
 * @param dataDir the absolute data folder
 */
public record DatabaseFiles(Path dataDir) {

	static final String DATABASE_NAME = "kapta";

	/*
	 * cached tables keep rows on disk, not in the heap (a million contacts must fit in
	 * -Xmx256m); mvcc reads without locks (a command never waits for a job to read) and
	 * locks rows, not tables, for writers: with table locks (mvlocks, a third faster for
	 * ten upload partitions alone) contact edits beside an upload deadlocked and were
	 * rolled back (migration V10 switches older databases); write_delay=false makes every
	 * commit durable, so a kill -9 never loses a chunk that Spring Batch recorded as
	 * committed.
	 */
	private static final String FILE_PROPERTIES = ";hsqldb.tx=mvcc;hsqldb.default_table_type=cached"
			+ ";hsqldb.write_delay=false";

	public Path databasePath() {
		return this.dataDir.resolve("db").resolve(DATABASE_NAME);
	}

	/** The file the service writes while it serves the database: its port. */
	public Path serverPortFile() {
		return this.dataDir.resolve("db").resolve("server.port");
	}

	/** The database path as HSQLDB's server expects it. */
	String serverDatabasePath() {
		return "file:" + databasePath() + FILE_PROPERTIES;
	}

	String fileUrl() {
		return "jdbc:hsqldb:" + serverDatabasePath();
	}

	static String serverUrl(int port) {
		return "jdbc:hsqldb:hsql://127.0.0.1:" + port + "/" + DATABASE_NAME;
	}

}
