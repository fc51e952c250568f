package com.kapta.mailchimp.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.mailchimp.ConnectionBudget;
import com.kapta.mailchimp.mailchimp.MailchimpProperties;

/**
 * One database for every process. Embedded (the default): the service hosts the file
 * ({@link DatabaseServer}) and uses it in-process; a one-shot command connects to the
 * service's server when it is up and opens the file otherwise. A PostgreSQL server
 * ({@code kapta.database.url}): every process connects to it.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	@Bean
	DatabaseFiles databaseFiles(KaptaProperties properties) {
		return new DatabaseFiles(properties.dataDir().toAbsolutePath().normalize());
	}

	@Bean(initMethod = "start", destroyMethod = "close")
	@Profile("service")
	@Conditional(EmbeddedDatabase.class)
	DatabaseServer databaseServer(DatabaseFiles files, DatabaseProperties properties) {
		return new DatabaseServer(files, properties.port());
	}

	@Bean
	Dialect dialect(DataSource dataSource) {
		return Dialect.of(dataSource);
	}

	/**
	 * Mailchimp's connection limit: shared through the database's locks by every process
	 * on PostgreSQL (several instances, CLI runs beside them); on the embedded file by
	 * the runs of this process.
	 */
	@Bean
	ConnectionBudget mailchimpConnections(Dialect dialect, DataSource dataSource, MailchimpProperties mailchimp) {
		return (dialect == Dialect.POSTGRESQL) ? new SharedConnectionBudget(dataSource, mailchimp.maxConnections())
				: ConnectionBudget.inProcess(mailchimp.maxConnections());
	}

	/**
	 * The pool ({@code spring.datasource.hikari.*}), behind a proxy that takes a
	 * transaction's connection at its first statement ({@link PooledDataSource}).
	 */
	@Bean(destroyMethod = "close")
	PooledDataSource dataSource(DatabaseFiles files, DatabaseProperties properties,
			ObjectProvider<DatabaseServer> server, Environment environment) {
		HikariDataSource pool = pool(files, properties, server.getIfAvailable() != null);
		Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
		return new PooledDataSource(pool);
	}

	private static HikariDataSource pool(DatabaseFiles files, DatabaseProperties properties, boolean serving) {
		if (properties.server()) {
			HikariDataSource dataSource = new HikariDataSource();
			dataSource.setJdbcUrl(properties.serverUrl());
			dataSource.setUsername(properties.username());
			dataSource.setPassword(properties.secret());
			// parameters go untyped, so a text compared with a CITEXT column takes its
			// case-insensitive operator (sent as varchar, the column is cast to text and
			// the comparison minds case)
			dataSource.addDataSourceProperty("stringtype", "unspecified");
			return dataSource;
		}
		if (serving) {
			// the service's own connections are in-process; the server shares the same
			// open database, which got its password before it was served
			return new EmbeddedDataSource(files.fileUrl(), false, new DatabasePassword(files).forClients());
		}
		DatabaseLocator.Way way = new DatabaseLocator(files, properties.lockWait()).connectable();
		return new EmbeddedDataSource(way.url(), way.url().equals(files.fileUrl()), way.password());
	}

	/** No database server is named: the embedded file is Kapta's database. */
	static class EmbeddedDatabase implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("kapta.database.url"));
		}

	}

}
