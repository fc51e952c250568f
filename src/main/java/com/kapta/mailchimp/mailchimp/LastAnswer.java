package com.kapta.mailchimp.mailchimp;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * Whether Mailchimp answered this process's last call to it, and when: what the console's
 * Mailchimp page and the health check tell at a glance. One per process (every client of
 * every run reports to it), as the process's own last look at Mailchimp.
 */
public final class LastAnswer {

	/**
	 * The last call's outcome.
	 *
	 * @param at when it ended
	 * @param answered whether Mailchimp answered (also with a refusal, such as an invalid
	 * member: it was there); false when it could not be reached or kept failing
	 * @param problem why not, when it did not answer (never a secret)
	 */
	public record Seen(Instant at, boolean answered, @Nullable String problem) {
	}

	private static final AtomicReference<@Nullable Seen> LAST = new AtomicReference<>();

	private LastAnswer() {
	}

	/** This process's last call to Mailchimp, if it made one. */
	public static Optional<Seen> latest() {
		return Optional.ofNullable(LAST.get());
	}

	static void answered() {
		LAST.set(new Seen(Instant.now(), true, null));
	}

	static void unanswered(String problem) {
		LAST.set(new Seen(Instant.now(), false, problem));
	}

}
