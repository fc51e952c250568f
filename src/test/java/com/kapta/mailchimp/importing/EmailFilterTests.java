package com.kapta.mailchimp.importing;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staging step's filter of the emails it took: never wrong about an email it took,
 * rarely unsure about one it did not.
 */
@Tag("fast")
class EmailFilterTests {

	@Test
	void everyEmailAddedIsKnownAndFewOthersAreInDoubtAtAMillion() {
		EmailFilter filter = new EmailFilter();
		assertThat(filter.mayHave("ann@example.com")).isFalse();
		IntStream.range(0, 1_000_000).forEach((i) -> filter.add("person" + i + "@example.com"));
		assertThat(IntStream.range(0, 1_000_000).filter((i) -> !filter.mayHave("person" + i + "@example.com")))
			.as("added but said new")
			.isEmpty();
		long inDoubt = IntStream.range(0, 100_000).filter((i) -> filter.mayHave("other" + i + "@example.com")).count();
		// each of those costs a look-up in the stage, nothing more
		assertThat(inDoubt).as("new but looked up").isLessThan(1_000);
	}

}
