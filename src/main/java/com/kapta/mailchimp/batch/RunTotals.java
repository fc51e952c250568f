package com.kapta.mailchimp.batch;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A run's outcome totals, every execution's chunks counted once, as a report's summary
 * shows them.
 */
public final class RunTotals {

	private final RunOutcomes outcomes;

	private final long run;

	private final Map<String, Long> totals;

	RunTotals(RunOutcomes outcomes, long run) {
		this.outcomes = outcomes;
		this.run = run;
		this.totals = outcomes.totals(run);
	}

	public long count(Enum<?> outcome) {
		return this.totals.getOrDefault(outcome.name(), 0L);
	}

	/** How many items have any of these outcomes. */
	public long count(Collection<? extends Enum<?>> outcomes) {
		return outcomes.stream().mapToLong(this::count).sum();
	}

	/** One outcome's total, {@code 0} when none. */
	public String of(Enum<?> outcome) {
		return Long.toString(count(outcome));
	}

	/**
	 * One outcome's total with its share per item, e.g. tags added:
	 * {@code 3 (Champion 2, VIP 1)}; {@code 0} when none.
	 */
	public String perItem(Enum<?> outcome) {
		Map<String, Long> byItem = this.outcomes.totalsByItem(this.run, outcome);
		if (byItem.isEmpty()) {
			return "0";
		}
		long total = byItem.values().stream().mapToLong(Long::longValue).sum();
		return total + " ("
				+ byItem.entrySet()
					.stream()
					.map((e) -> e.getKey() + " " + e.getValue())
					.collect(Collectors.joining(", "))
				+ ")";
	}

}
