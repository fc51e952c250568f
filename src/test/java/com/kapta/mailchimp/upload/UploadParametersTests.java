package com.kapta.mailchimp.upload;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("fast")
class UploadParametersTests {

	@Test
	void parametersReadBackAsLaunched() {
		var launched = new UploadParameters(List.of("VIP", "Summer 2026"), true,
				Instant.parse("2026-11-28T10:00:00.250Z"));

		var read = UploadParameters.of(launched.toJobParameters());

		assertThat(read.tags()).containsExactly("VIP", "Summer 2026");
		assertThat(read.dryRun()).isTrue();
		assertThat(read.launchedAt()).isEqualTo(launched.launchedAt());
	}

	@Test
	void theSignupStampIsTheLaunchToTheSecond() {
		var launched = new UploadParameters(List.of(), false, Instant.parse("2026-11-28T10:00:00.750Z"));

		assertThat(launched.signupStamp()).isEqualTo("2026-11-28T10:00:00+00:00");
	}

}
