package com.kapta.mailchimp.batch;

import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import com.kapta.mailchimp.settings.NewMembers;
import com.kapta.mailchimp.settings.Settings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run keeps the status its new members get from its launch: whatever the settings say
 * later, and without becoming part of what identifies the run.
 */
@Tag("fast")
class NewMemberParameterTests {

	@Test
	void aLaunchKeepsTheStatusTheSettingsGiveThenWithoutItIdentifyingTheRun() {
		JobParameters launch = new JobParametersBuilder().addString("launchedAt", "2026-12-07T10:00:00Z")
			.toJobParameters();

		JobParameters run = NewMemberParameter.with(launch, settings(NewMembers.AUDIENCE, true));

		assertThat(NewMemberParameter.of(run, settings(NewMembers.SUBSCRIBED, false))).as("the settings changed since")
			.isEqualTo("pending");
		assertThat(run.getIdentifyingParameters()).isEqualTo(launch.getIdentifyingParameters());
		assertThat(run.getString("launchedAt")).isEqualTo("2026-12-07T10:00:00Z");
	}

	@Test
	void aRunLaunchedBeforeRunsKeptItTakesTheSettingsNow() {
		JobParameters older = new JobParametersBuilder().addString("launchedAt", "2026-12-01T10:00:00Z")
			.toJobParameters();

		assertThat(NewMemberParameter.of(older, settings(NewMembers.PENDING, false))).isEqualTo("pending");
		assertThat(NewMemberParameter.of(older, settings(NewMembers.AUDIENCE, null))).isEqualTo("subscribed");
	}

	private static Settings settings(NewMembers choice, Boolean doubleOptIn) {
		return new Settings(true, "https://us6.api.mailchimp.com/3.0", Optional.empty(), false, "Kapta Contacts",
				"a1b2c3", choice, doubleOptIn);
	}

}
