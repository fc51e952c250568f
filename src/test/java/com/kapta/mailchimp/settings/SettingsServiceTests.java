package com.kapta.mailchimp.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.KaptaSpringTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@KaptaSpringTest
class SettingsServiceTests {

	static final String KEY = "0123456789abcdef0123456789abcdef-us6";

	@Autowired
	KaptaProperties properties;

	@Autowired
	SettingsService settings;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void startFromNothing() {
		this.jdbc.update("UPDATE integration_settings SET enabled = FALSE, api_url = NULL, audience_name = NULL,"
				+ " audience_id = NULL, new_member_status = 'audience', audience_double_optin = NULL");
		this.settings.save(new SettingsChange(null, null, "", null));
	}

	@Test
	void saveStoresWithoutContactingMailchimpAndDerivesTheUrlFromTheKey() {
		Settings saved = this.settings.save(new SettingsChange(true, null, KEY, "Kapta Contacts"));

		assertThat(saved.enabled()).isTrue();
		assertThat(saved.apiUrl()).isEqualTo("https://us6.api.mailchimp.com/3.0");
		assertThat(saved.apiKey()).hasValue(ApiKey.parse(KEY));
		assertThat(saved.audienceName()).isEqualTo("Kapta Contacts");
		assertThat(this.settings.current()).isEqualTo(saved);
	}

	@Test
	void optionsNotGivenKeepTheirValue() {
		this.settings.save(new SettingsChange(true, null, KEY, "Kapta Contacts"));

		Settings saved = this.settings.save(new SettingsChange(false, null, null, null));

		assertThat(saved.enabled()).isFalse();
		assertThat(saved.apiKey()).hasValue(ApiKey.parse(KEY));
		assertThat(saved.audienceName()).isEqualTo("Kapta Contacts");
	}

	@Test
	void aUrlOfAnotherDataCenterIsRefusedNamingBoth() {
		assertThatThrownBy(
				() -> this.settings.save(new SettingsChange(null, "https://us1.api.mailchimp.com/3.0", KEY, null)))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("us1")
			.hasMessageContaining("us6");
		assertThat(this.settings.current().apiKey()).isEmpty();
	}

	@Test
	void theSandboxUrlIsAccepted() {
		Settings saved = this.settings.save(new SettingsChange(null, "http://127.0.0.1:4010/3.0/", KEY, null));

		assertThat(saved.apiUrl()).isEqualTo("http://127.0.0.1:4010/3.0");
	}

	@Test
	void plainHttpIsRefusedForAnyOtherHost() {
		assertThatThrownBy(
				() -> this.settings.save(new SettingsChange(null, "http://us6.api.mailchimp.com/3.0", KEY, null)))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("https");
		assertThatThrownBy(() -> this.settings.save(new SettingsChange(null, "not a url", null, null)))
			.isInstanceOf(InvalidInputException.class);
	}

	@Test
	void onlyMailchimpsOwnHostsAndThisMachineAreAccepted() {
		for (String foreign : new String[] { "https://evil.example/3.0",
				"https://us6.api.mailchimp.com.evil.example/3.0", "https://evilapi.mailchimp.com/3.0",
				"https://api.mailchimp.com:8443/3.0", "https://us6.api.mailchimp.com/3.0/../../collect",
				"https://us6.api.mailchimp.com/", "https://10.0.0.5/3.0" }) {
			assertThatThrownBy(() -> this.settings.save(new SettingsChange(null, foreign, KEY, null))).as(foreign)
				.isInstanceOf(InvalidInputException.class)
				.hasMessageContaining("Mailchimp's own");
		}
		assertThat(this.settings.current().apiKey()).isEmpty();
		assertThat(
				this.settings.save(new SettingsChange(null, "https://US6.api.mailchimp.com/3.0/", KEY, null)).apiUrl())
			.isEqualTo("https://us6.api.mailchimp.com/3.0");
		assertThat(this.settings.save(new SettingsChange(null, "https://api.mailchimp.com/3.0", KEY, null)).apiUrl())
			.isEqualTo("https://api.mailchimp.com/3.0");
		assertThat(this.settings.save(new SettingsChange(null, "https://localhost:4443/anything", KEY, null)).apiUrl())
			.isEqualTo("https://localhost:4443/anything");
	}

	@Test
	void theStoredKeyNeverFollowsTheUrlToAnotherHostByItself() {
		this.settings.save(new SettingsChange(true, "http://127.0.0.1:4010/3.0", KEY, "Kapta Contacts"));

		// another port of the same host (the sandbox started again) keeps the key
		assertThat(this.settings.save(new SettingsChange(null, "http://127.0.0.1:4011/3.0", null, null)).apiUrl())
			.isEqualTo("http://127.0.0.1:4011/3.0");
		for (String elsewhere : new String[] { "http://localhost:4011/3.0", "https://us6.api.mailchimp.com/3.0", "" }) {
			assertThatThrownBy(() -> this.settings.save(new SettingsChange(null, elsewhere, null, null))).as(elsewhere)
				.isInstanceOf(InvalidInputException.class)
				.hasMessageContaining("type the API key again");
		}
		assertThat(this.settings.current().apiUrl()).isEqualTo("http://127.0.0.1:4011/3.0");

		// typed again, it goes; cleared, nothing goes
		assertThat(
				this.settings.save(new SettingsChange(null, "https://us6.api.mailchimp.com/3.0", KEY, null)).apiUrl())
			.isEqualTo("https://us6.api.mailchimp.com/3.0");
		assertThat(this.settings.save(new SettingsChange(false, "http://127.0.0.1:4010/3.0", "", null)).apiKey())
			.isEmpty();
	}

	@Test
	void enablingNeedsAKeyAndAnAudience() {
		assertThatThrownBy(() -> this.settings.save(new SettingsChange(true, null, null, "Kapta Contacts")))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("API key");
		assertThatThrownBy(() -> this.settings.save(new SettingsChange(true, null, KEY, null)))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("audience");
		assertThat(this.settings.current().enabled()).isFalse();
		assertThat(this.settings.current().apiKey()).isEmpty();
	}

	@Test
	void aMalformedKeyIsRefusedAndNothingIsSaved() {
		assertThatThrownBy(
				() -> this.settings.save(new SettingsChange(true, null, "secret-but-wrong", "Kapta Contacts")))
			.isInstanceOf(InvalidInputException.class)
			.message()
			.doesNotContain("secret-but-wrong");
		assertThat(this.settings.current().audienceName()).isNull();
	}

	@Test
	void renamingTheAudienceForgetsTheIdFoundForTheOldName() {
		this.settings.save(new SettingsChange(null, null, KEY, "Old"));
		this.settings.recordAudience("a1b2c3", true);
		assertThat(this.settings.current().audienceId()).isEqualTo("a1b2c3");

		assertThat(this.settings.save(new SettingsChange(null, null, null, "Old")).audienceId()).isEqualTo("a1b2c3");
		assertThat(this.settings.current().newMemberStatus()).as("the old audience asks for double opt-in")
			.isEqualTo("pending");
		Settings renamed = this.settings.save(new SettingsChange(null, null, null, "New"));
		assertThat(renamed.audienceId()).isNull();
		assertThat(renamed.audienceDoubleOptIn()).as("the new audience's is not known yet").isNull();
		assertThat(renamed.newMemberStatus()).isEqualTo("subscribed");
	}

	@Test
	void newMembersFollowTheAudienceUnlessAStatusIsChosen() {
		this.settings.save(new SettingsChange(null, null, KEY, "Kapta Contacts"));
		assertThat(this.settings.current().newMembers()).isEqualTo(NewMembers.AUDIENCE);
		this.settings.recordAudience("a1b2c3", false);
		assertThat(this.settings.current().newMemberStatus()).isEqualTo("subscribed");
		this.settings.recordAudience("a1b2c3", true);
		assertThat(this.settings.current().newMemberStatus()).isEqualTo("pending");

		Settings chosen = this.settings.save(new SettingsChange(null, null, null, null, "Subscribed"));
		assertThat(chosen.newMembers()).isEqualTo(NewMembers.SUBSCRIBED);
		assertThat(chosen.newMemberStatus()).isEqualTo("subscribed");
		assertThat(chosen.newMembersExplained()).contains("the audience asks for double opt-in");
		assertThat(this.settings.save(new SettingsChange(null, null, null, "Kapta Contacts")).newMembers())
			.as("a save that does not name it keeps it")
			.isEqualTo(NewMembers.SUBSCRIBED);
		this.settings.recordAudience("a1b2c3", false);
		assertThat(this.settings.save(new SettingsChange(null, null, null, null, "pending")).newMemberStatus())
			.isEqualTo("pending");

		for (String bad : List.of("confirmed", "", "archived")) {
			assertThatThrownBy(() -> this.settings.save(new SettingsChange(null, null, null, null, bad))).as(bad)
				.isInstanceOf(InvalidInputException.class)
				.hasMessageContaining("audience, subscribed, pending");
		}
		assertThat(this.settings.current().newMembers()).as("a refused save changes nothing")
			.isEqualTo(NewMembers.PENDING);
	}

	@Test
	void theKeyIsKeptOutOfTheDatabaseInAFileOnlyItsOwnerReads() throws Exception {
		this.settings.save(new SettingsChange(true, null, KEY, "Kapta Contacts"));

		Path file = this.properties.dataDir().resolve("secrets").resolve("mailchimp-api-key");
		assertThat(Files.readString(file)).isEqualTo(KEY);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM integration_settings WHERE "
						+ "POSITION('0123456789abcdef' IN COALESCE(api_url, '') || COALESCE(audience_name, '')) > 0",
				Integer.class))
			.isZero();
	}

}
