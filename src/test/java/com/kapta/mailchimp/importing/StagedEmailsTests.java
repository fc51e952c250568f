package com.kapta.mailchimp.importing;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staging step's filter of the emails it took: never wrong about an email it took,
 * rarely unsure about one it did not, and unsure about all when it did not see the stage
 * filled.
 */
class StagedEmailsTests {

	@Test
	void everyEmailTakenIsKnownAndFewOthersAreInDoubtAtAMillion() {
		StagedEmails taken = StagedEmails.empty();
		assertThat(taken.mayHave("ann@example.com")).isFalse();
		IntStream.range(0, 1_000_000).forEach((i) -> taken.add("person" + i + "@example.com"));
		assertThat(IntStream.range(0, 1_000_000).filter((i) -> !taken.mayHave("person" + i + "@example.com")))
			.as("taken but said new")
			.isEmpty();
		long inDoubt = IntStream.range(0, 100_000).filter((i) -> taken.mayHave("other" + i + "@example.com")).count();
		// each of those costs a look-up in the stage, nothing more
		assertThat(inDoubt).as("new but looked up").isLessThan(1_000);
	}

	@Test
	void aFilterThatDidNotSeeTheStageFilledKnowsNothingNew() {
		StagedEmails unknown = StagedEmails.unknown();
		unknown.add("ann@example.com");
		assertThat(unknown.mayHave("ann@example.com")).isTrue();
		assertThat(unknown.mayHave("bob@example.com")).isTrue();
	}

}
