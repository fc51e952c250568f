package com.kapta.mailchimp.batch;

import java.time.Instant;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("fast")
class LaunchStampTests {

	@Test
	void aStampIsUtcToTheMillisecondWithAFixedWidth() {
		assertThat(LaunchStamp.format(Instant.parse("2026-11-28T10:15:30.123456Z")))
			.isEqualTo("2026-11-28T10:15:30.123+00:00");
		assertThat(LaunchStamp.format(Instant.parse("2026-11-28T10:15:30Z")))
			.isEqualTo("2026-11-28T10:15:30.000+00:00");
	}

	@Test
	void aStampReadsBackAsTheInstantItWasMadeFrom() {
		Instant launch = Instant.parse("2026-11-28T23:59:59.999Z");
		assertThat(LaunchStamp.parse(LaunchStamp.format(launch))).isEqualTo(launch);
	}

	@Test
	void theFormEarlierVersionsStoredStillReads() {
		// export, import and push runs stored Instant.toString(): their restarts read it
		assertThat(LaunchStamp.parse("2026-11-27T08:00:01.5Z")).isEqualTo(Instant.parse("2026-11-27T08:00:01.500Z"));
		assertThat(LaunchStamp.parse("2026-11-27T08:00:01Z")).isEqualTo(Instant.parse("2026-11-27T08:00:01Z"));
	}

}
