package com.kapta.mailchimp.demo;

import java.util.ArrayList;
import java.util.List;

/** What the demo verified, step by step: it passes only if every check held. */
final class DemoChecks {

	private final List<String> failures = new ArrayList<>();

	private int passed;

	/** Records a check; {@code what} says what should hold, in a user's words. */
	void check(boolean holds, String what) {
		if (holds) {
			this.passed++;
		}
		else {
			this.failures.add(what);
		}
	}

	int passed() {
		return this.passed;
	}

	List<String> failures() {
		return this.failures;
	}

}
