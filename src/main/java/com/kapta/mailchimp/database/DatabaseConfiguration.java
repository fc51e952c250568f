package com.kapta.mailchimp.database;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import com.kapta.mailchimp.KaptaProperties;

/**
 * One database for every process: the service hosts it ({@link DatabaseServer}) and uses
 * it in-process; a one-shot command connects to the service's server when it is up and
 * opens the file otherwise.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	@Bean
	DatabaseFiles databaseFiles(KaptaProperties properties) {
		return new DatabaseFiles(properties.dataDir().toAbsolutePath().normalize());
	}

	@Bean(initMethod = "start", destroyMethod = "close")
	@Profile("service")
	DatabaseServer databaseServer(DatabaseFiles files, DatabaseProperties properties) {
		return new DatabaseServer(files, properties.port());
	}

	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	EmbeddedDataSource dataSource(DatabaseFiles files, DatabaseProperties properties,
			ObjectProvider<DatabaseServer> server) {
		if (server.getIfAvailable() != null) {
			// the service's own connections are in-process; the server shares the same
			// open database
			return new EmbeddedDataSource(files.fileUrl(), false);
		}
		String url = new DatabaseLocator(files, properties.lockWait()).connectableUrl();
		return new EmbeddedDataSource(url, url.equals(files.fileUrl()));
	}

}
