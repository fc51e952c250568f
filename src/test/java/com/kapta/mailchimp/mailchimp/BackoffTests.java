package com.kapta.mailchimp.mailchimp;

import java.time.Duration;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Retry waits, without a server: exponential ceilings, full jitter, Retry-After. */
@Tag("fast")
class BackoffTests {

	private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

	/** Always the largest wait the ceiling allows. */
	private static final RandomGenerator HIGHEST = new RandomGenerator() {

		@Override
		public long nextLong() {
			throw new UnsupportedOperationException();
		}

		@Override
		public long nextLong(long bound) {
			return bound - 1;
		}

	};

	@Test
	void theCeilingDoublesFromTheInitialBackoffUpToTheMaximum() {
		assertThat(this.backoff.ceilingMillis(1)).isEqualTo(500);
		assertThat(this.backoff.ceilingMillis(2)).isEqualTo(1_000);
		assertThat(this.backoff.ceilingMillis(4)).isEqualTo(4_000);
		assertThat(this.backoff.ceilingMillis(7)).isEqualTo(30_000);
		assertThat(this.backoff.ceilingMillis(1_000)).as("no overflow after many attempts").isEqualTo(30_000);
	}

	@Test
	void theWaitIsRandomUpToTheCeilingBothEndsIncluded() {
		RandomGenerator lowest = new RandomGenerator() {

			@Override
			public long nextLong() {
				throw new UnsupportedOperationException();
			}

			@Override
			public long nextLong(long bound) {
				return 0;
			}

		};
		assertThat(this.backoff.before(3, -1, lowest)).isEqualTo(Duration.ZERO);
		assertThat(this.backoff.before(3, -1, HIGHEST)).isEqualTo(Duration.ofMillis(2_000));
		RandomGenerator seeded = RandomGenerator.of("L64X128MixRandom");
		for (int i = 0; i < 1_000; i++) {
			assertThat(this.backoff.before(2, -1, seeded)).isBetween(Duration.ZERO, Duration.ofMillis(1_000));
		}
	}

	@Test
	void mailchimpsRetryAfterIsTheLeastWait() {
		assertThat(this.backoff.before(1, 7, HIGHEST)).isEqualTo(Duration.ofSeconds(7));
		assertThat(this.backoff.before(7, 7, HIGHEST)).as("a longer jittered wait stands")
			.isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void retryAfterIsReadInSecondsAndADateOrNothingLeavesTheBackoff() {
		assertThat(Backoff.retryAfterSeconds(" 12 ")).isEqualTo(12);
		assertThat(Backoff.retryAfterSeconds("Wed, 21 Oct 2026 07:28:00 GMT")).isEqualTo(-1);
		assertThat(Backoff.retryAfterSeconds(null)).isEqualTo(-1);
	}

}
