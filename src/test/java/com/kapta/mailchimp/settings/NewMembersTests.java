package com.kapta.mailchimp.settings;

import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The status of the members Kapta creates: as the audience asks (double opt-in or not,
 * unknown before Save And Synchronize), or as chosen; and the words it is typed in.
 */
@Tag("fast")
class NewMembersTests {

	@Test
	void asTheAudienceAsksIsPendingOnlyWhenTheAudienceIsKnownToAskForDoubleOptIn() {
		assertThat(NewMembers.AUDIENCE.status(true)).isEqualTo("pending");
		assertThat(NewMembers.AUDIENCE.status(false)).isEqualTo("subscribed");
		assertThat(NewMembers.AUDIENCE.status(null)).as("not known yet").isEqualTo("subscribed");
		assertThat(NewMembers.SUBSCRIBED.status(true)).isEqualTo("subscribed");
		assertThat(NewMembers.PENDING.status(false)).isEqualTo("pending");
		assertThat(NewMembers.PENDING.status(null)).isEqualTo("pending");
	}

	@Test
	void aChoiceIsTypedInItsWordInAnyCaseAndAnyOtherWordIsRefusedNamingTheWords() {
		assertThat(NewMembers.of(" Pending ")).isEqualTo(NewMembers.PENDING);
		assertThat(NewMembers.of("AUDIENCE")).isEqualTo(NewMembers.AUDIENCE);
		for (NewMembers choice : NewMembers.values()) {
			assertThat(NewMembers.of(choice.word())).isEqualTo(choice);
		}
		for (String word : new String[] { "", "confirmed", "transactional", "subscribe" }) {
			assertThatThrownBy(() -> NewMembers.of(word)).as(word)
				.isInstanceOf(InvalidInputException.class)
				.hasMessage("The new member status must be one of audience, subscribed, pending, not '" + word + "'");
		}
	}

	@Test
	void theSettingsSayWhichStatusFollowsAndWhy() {
		assertThat(settings(NewMembers.AUDIENCE, null).newMembersExplained())
			.isEqualTo("subscribed (Save And Synchronize reads whether the audience asks new subscribers to confirm)");
		assertThat(settings(NewMembers.AUDIENCE, true).newMembersExplained())
			.isEqualTo("pending: the audience asks new subscribers to confirm (double opt-in)");
		assertThat(settings(NewMembers.AUDIENCE, false).newMembersExplained())
			.isEqualTo("subscribed: the audience does not ask new subscribers to confirm");
		assertThat(settings(NewMembers.SUBSCRIBED, true).newMembersExplained()).isEqualTo(
				"subscribed, as chosen (the audience asks for double opt-in; Kapta's new members skip the confirmation)");
		assertThat(settings(NewMembers.SUBSCRIBED, false).newMembersExplained()).isEqualTo("subscribed, as chosen");
		assertThat(settings(NewMembers.PENDING, false).newMembersExplained())
			.isEqualTo("pending, as chosen: Mailchimp asks each to confirm");
	}

	private static Settings settings(NewMembers choice, Boolean doubleOptIn) {
		return new Settings(true, "https://us6.api.mailchimp.com/3.0", Optional.empty(), false, "Kapta Contacts",
				"a1b2c3", choice, doubleOptIn);
	}

}
