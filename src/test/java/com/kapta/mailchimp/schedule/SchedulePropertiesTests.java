package com.kapta.mailchimp.schedule;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The nightly cron as users write it (Spring's six fields) reaches Quartz meaning the
 * same, and what would change meaning or never fire is refused at start-up, in words.
 */
@Tag("fast")
class SchedulePropertiesTests {

	@Test
	void theUsualCronsReachQuartzMeaningTheSame() {
		assertThat(schedule("0 0 2 * * *").downloadTagsCron()).isEqualTo("0 0 2 ? * *");
		assertThat(schedule("0 30 1 * * MON-FRI").downloadTagsCron()).isEqualTo("0 30 1 ? * MON-FRI");
		assertThat(schedule("0 0 3 1 * *").downloadTagsCron()).isEqualTo("0 0 3 1 * ?");
		assertThat(schedule("*/2 * * * * *").downloadTagsCron()).isEqualTo("*/2 * * ? * *");
	}

	@Test
	void cronsThatWouldChangeMeaningOrNeverFireAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> schedule("0 0 2 * * 1-5"))
			.withMessage("kapta.schedule.download-tags '0 0 2 * * 1-5' is not a schedule: "
					+ "name the weekdays (MON-FRI), not number them");
		assertThatIllegalArgumentException().isThrownBy(() -> schedule("0 0 2 1 * MON"))
			.withMessageEndingWith("give days of the month or weekdays, not both");
		assertThatIllegalArgumentException().isThrownBy(() -> schedule("0 2 * * *"))
			.withMessageEndingWith("it needs six fields: second minute hour day month weekday");
		assertThatIllegalArgumentException().isThrownBy(() -> schedule("0 0 25 * * *"))
			.withMessageStartingWith("kapta.schedule.download-tags '0 0 25 * * *' is not a schedule: ");
	}

	@Test
	void intervalsMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ScheduleProperties("0 0 2 * * *", Duration.ZERO,
				Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(2)));
	}

	private static ScheduleProperties schedule(String cron) {
		return new ScheduleProperties(cron, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(15),
				Duration.ofSeconds(5), Duration.ofSeconds(2));
	}

}
