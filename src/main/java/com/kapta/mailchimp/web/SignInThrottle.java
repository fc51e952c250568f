package com.kapta.mailchimp.web;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.users.UsersProperties;

/**
 * Failed sign-ins counted per client address, whichever users they named: after
 * {@code kapta.users.throttle-after} of them, each further failure makes the address wait
 * before its next sign-in is even checked, one second and twice as long each time up to
 * {@code kapta.users.throttle-max}. A stranger guessing at the admin thus locks it once,
 * but cannot lock it again as soon as the lock ends: the lock holds the user, this the
 * guesser. A good sign-in from the address forgets its failures. Kept in memory (each
 * instance its own), for as many addresses as {@link #KEPT}.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SignInThrottle {

	/**
	 * Addresses remembered at most; past it, those whose waits are long over go first.
	 */
	static final int KEPT = 10_000;

	private record Failures(int count, long lastNanos, long waitUntilNanos) {
	}

	private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

	private final int after;

	private final long maxNanos;

	SignInThrottle(UsersProperties properties) {
		this.after = properties.throttleAfter();
		this.maxNanos = properties.throttleMax().toNanos();
	}

	/** How long the address must still wait before its next sign-in is checked. */
	Optional<Duration> waitFor(String address) {
		Failures failures = this.byAddress.get(address);
		long left = (failures != null) ? failures.waitUntilNanos() - System.nanoTime() : 0;
		return (left > 0) ? Optional.of(Duration.ofNanos(left)) : Optional.empty();
	}

	/** A failed sign-in from the address; returns the wait it now has (zero for none). */
	Duration failed(String address) {
		long now = System.nanoTime();
		if (this.byAddress.size() >= KEPT) {
			forgetIdle(now);
		}
		Failures failures = this.byAddress.compute(address, (key, before) -> {
			int count = (before != null) ? before.count() + 1 : 1;
			int over = count - this.after;
			// a second doubled each time: past 2^29 s any longest wait is reached (and
			// the shift
			// would overflow)
			long wait = (over < 0) ? 0 : (over >= 30) ? this.maxNanos : Math.min(this.maxNanos, 1_000_000_000L << over);
			return new Failures(count, now, now + wait);
		});
		return Duration.ofNanos(Math.max(0, failures.waitUntilNanos() - now));
	}

	void succeeded(String address) {
		this.byAddress.remove(address);
	}

	/**
	 * Forgets the addresses whose last failure is longer ago than the longest wait; if
	 * that frees nothing (a flood of addresses), all of them: the per-user lock holds on.
	 */
	private void forgetIdle(long now) {
		this.byAddress.values().removeIf((failures) -> now - failures.lastNanos() > this.maxNanos);
		if (this.byAddress.size() >= KEPT) {
			this.byAddress.clear();
		}
	}

}
