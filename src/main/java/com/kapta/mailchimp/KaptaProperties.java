package com.kapta.mailchimp;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Kapta keeps its files.
 *
 * @param dataDir the database, the API key file and the logs ({@code KAPTA_DATA_DIR})
 * @param jobsDir the import inbox, exports and run reports ({@code KAPTA_JOBS_DIR})
 */
@ConfigurationProperties("kapta")
public record KaptaProperties(@DefaultValue("./data") Path dataDir, @DefaultValue("./jobs") Path jobsDir) {

	public Path reportsDir() {
		return this.jobsDir.resolve("reports");
	}

}
