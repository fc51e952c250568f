package com.kapta.mailchimp.tagdownload;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.parameters.JobParameter;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("fast")
class DownloadParametersTests {

	@Test
	void aScheduledRunIsIdentifiedByItsNightAlone() {
		var night = DownloadParameters.scheduled(LocalDate.of(2026, 11, 28)).toJobParameters();

		assertThat(night.parameters()).extracting(JobParameter::name)
			.containsExactlyInAnyOrder("trigger", "runDate", "dryRun");
		assertThat(night).isEqualTo(DownloadParameters.scheduled(LocalDate.of(2026, 11, 28)).toJobParameters());
		assertThat(DownloadParameters.of(night)).isEqualTo(new DownloadParameters(DownloadParameters.Trigger.SCHEDULED,
				null, LocalDate.of(2026, 11, 28), false, false));
	}

	@Test
	void aManualRunReadsBackAsLaunched() {
		var launched = DownloadParameters.manual(true, false, Instant.parse("2026-11-28T10:00:00.250Z"));

		assertThat(DownloadParameters.of(launched.toJobParameters())).isEqualTo(launched);
		assertThat(launched.toJobParameters().getString("trigger")).isEqualTo("manual");
	}

}
