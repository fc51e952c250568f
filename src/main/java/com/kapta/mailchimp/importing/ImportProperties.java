package com.kapta.mailchimp.importing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the import treats its files.
 *
 * @param skipLimit the most rows a file may have skipped (bad email, repeated email,
 * refused by Mailchimp) before its import fails; a restart after raising it resumes where
 * it stopped
 * @param maxSharedStrings the largest shared-strings part of a workbook the import reads
 * (it is held in memory)
 * @param settleTime how long a file in the drop folder must stay unchanged before
 * {@code ./run.sh import} takes it
 */
@ConfigurationProperties("kapta.import")
record ImportProperties(@DefaultValue("1000") int skipLimit, @DefaultValue("100MB") DataSize maxSharedStrings,
		@DefaultValue("2s") Duration settleTime) {

	ImportProperties {
		if (skipLimit < 0) {
			throw new IllegalArgumentException("kapta.import.skip-limit must be 0 or more");
		}
	}

}
