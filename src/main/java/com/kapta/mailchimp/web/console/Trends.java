package com.kapta.mailchimp.web.console;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.batch.JobHistory;
import com.kapta.mailchimp.batch.JobHistory.JobRun;
import com.kapta.mailchimp.batch.RunFilter;

/**
 * Whether runs get slower: per job, its last {@link #RUNS} ended runs' durations, items
 * written and API calls, with their medians; a run that took over twice the median is
 * marked. Drawn on the Jobs page as small bar charts (SVG made here, no chart library).
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class Trends {

	static final int RUNS = 30;

	/** One run's bar: its height as a share of the tallest, and what its tooltip says. */
	record Bar(long executionId, double share, String label, boolean slow) {
	}

	/** One measure of a job's runs (oldest first), with its median. */
	record Series(String measure, List<Bar> bars, String median) {
	}

	record Trend(String job, String title, List<Series> series, int runs, long slow) {
	}

	private final JobHistory history;

	private final ConsoleWords words;

	Trends(JobHistory history, ConsoleWords words) {
		this.history = history;
		this.words = words;
	}

	/**
	 * The trend of {@code only} (a job's name), or of every job when it is null: those
	 * that have ended runs, in the menus' order.
	 */
	List<Trend> of(@Nullable String only) {
		List<Trend> trends = new ArrayList<>();
		for (String job : this.words.jobs().keySet()) {
			if (only != null && !only.equals(job)) {
				continue;
			}
			List<JobRun> runs = new ArrayList<>(this.history.find(RunFilter.of(job, null), RUNS)
				.stream()
				.filter((run) -> !run.status().isRunning() && run.started() != null)
				.toList());
			if (runs.isEmpty()) {
				continue;
			}
			Collections.reverse(runs);
			List<Series> series = of(runs);
			long slow = series.get(0).bars().stream().filter(Bar::slow).count();
			trends.add(new Trend(job, this.words.job(job), series, runs.size(), slow));
		}
		return trends;
	}

	/** The three measures of these runs, oldest first. */
	static List<Series> of(List<JobRun> runs) {
		double medianSeconds = median(runs, Trends::seconds);
		return List.of(
				series("Duration", runs, Trends::seconds, (run) -> String.format(Locale.ROOT, "%.1f s", seconds(run)),
						medianSeconds, String.format(Locale.ROOT, "%.1f s", medianSeconds)),
				series("Items written", runs, JobRun::written, (run) -> run.written() + " items", -1,
						String.format(Locale.ROOT, "%.0f items", median(runs, JobRun::written))),
				series("API calls", runs, Trends::calls, (run) -> (long) calls(run) + " calls", -1,
						String.format(Locale.ROOT, "%.0f calls", median(runs, Trends::calls))));
	}

	private static Series series(String measure, List<JobRun> runs, ToDoubleFunction<JobRun> value,
			Function<JobRun, String> label, double slowAbove, String median) {
		double max = runs.stream().mapToDouble(value).max().orElse(0);
		List<Bar> bars = runs.stream().map((run) -> {
			double v = value.applyAsDouble(run);
			boolean slow = slowAbove > 0 && v > 2 * slowAbove;
			return new Bar(run.executionId(), (max > 0) ? v / max : 0,
					"Run " + run.executionId() + ": " + label.apply(run) + (slow ? ", over twice the median" : ""),
					slow);
		}).toList();
		return new Series(measure, bars, median);
	}

	static double seconds(JobRun run) {
		return run.duration().toMillis() / 1000.0;
	}

	/**
	 * The calls a run made: the number its summary line starts with
	 * ({@code 212 (3 retried)}).
	 */
	static double calls(JobRun run) {
		String calls = run.apiCalls();
		if (calls == null) {
			return 0;
		}
		String digits = calls.strip().split("\\D", 2)[0];
		return digits.isEmpty() ? 0 : Double.parseDouble(digits);
	}

	static double median(List<JobRun> runs, ToDoubleFunction<JobRun> value) {
		double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
		if (sorted.length == 0) {
			return 0;
		}
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
