package com.kapta.mailchimp.settings;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import com.kapta.mailchimp.KaptaSpringTest;

import static org.assertj.core.api.Assertions.assertThat;

@KaptaSpringTest
@TestPropertySource(properties = { "MAILCHIMP_API_KEY=fedcba9876543210fedcba9876543210-us21" })
class SettingsEnvironmentKeyTests {

	@Autowired
	SettingsService settings;

	@Test
	void theEnvironmentKeyOverridesTheStoredOne() {
		Settings saved = this.settings.save(new SettingsChange(true, null, SettingsServiceTests.KEY, "Kapta Contacts"));

		assertThat(saved.keyFromEnvironment()).isTrue();
		assertThat(saved.apiKey()).hasValueSatisfying((key) -> assertThat(key.masked()).isEqualTo("****-us21"));
		// the URL follows the key in effect
		assertThat(saved.apiUrl()).isEqualTo("https://us21.api.mailchimp.com/3.0");
	}

}
