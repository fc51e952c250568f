package com.kapta.mailchimp.database;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * The connection pool as the application uses it: a transaction takes its pooled
 * connection at its first statement, not when it begins. A job's chunk is one transaction
 * that reads, calls Mailchimp and writes; its reads run before it on short connections of
 * their own ({@code batch.ChunkConnections}), so its connection is taken only to write
 * what Mailchimp answered and no chunk holds one while it waits for Mailchimp. The pool
 * is then sized for the statements in flight, not for the calls.
 */
final class PooledDataSource extends LazyConnectionDataSourceProxy implements AutoCloseable {

	private final HikariDataSource pool;

	PooledDataSource(HikariDataSource pool) {
		super(pool);
		this.pool = pool;
	}

	@Override
	public void close() {
		this.pool.close();
	}

}
