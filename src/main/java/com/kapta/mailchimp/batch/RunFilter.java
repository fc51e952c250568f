package com.kapta.mailchimp.batch;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.Texts;

/**
 * Which runs of the job history to show: of one job, in one status, created between two
 * days (the server's), with a parameter whose value holds a text (a file name, a launch
 * tag), older than a run (the next page, by key). Every part is optional.
 *
 * @param job the job's name ({@code upload}, {@code downloadTags} …)
 * @param status a batch status ({@code FAILED} …)
 * @param from the first day
 * @param to the last day
 * @param parameter a text a parameter's value contains, ignoring case
 * @param before only runs with a smaller id
 */
public record RunFilter(@Nullable String job, @Nullable String status, @Nullable LocalDate from, @Nullable LocalDate to,
		@Nullable String parameter, @Nullable Long before) {

	private static final Set<String> STATUSES = Set.of("STARTING", "STARTED", "STOPPING", "STOPPED", "FAILED",
			"COMPLETED", "ABANDONED", "UNKNOWN");

	public RunFilter {
		job = Texts.blankToNull(job);
		status = (Texts.blankToNull(status) != null) ? status.strip().toUpperCase(Locale.ROOT) : null;
		parameter = Texts.blankToNull(parameter);
		if (status != null && !STATUSES.contains(status)) {
			throw new InvalidInputException("No run status is called " + status + "; one of "
					+ String.join(", ", STATUSES.stream().sorted().toList()));
		}
		if (from != null && to != null && to.isBefore(from)) {
			throw new InvalidInputException("The last day " + to + " is before the first " + from);
		}
		if (parameter != null && parameter.length() > 200) {
			throw new InvalidInputException("A parameter's text to look for has at most 200 characters");
		}
	}

	/** Every run. */
	public static RunFilter none() {
		return new RunFilter(null, null, null, null, null, null);
	}

	/** The runs of one job, in one status if {@code status} is given. */
	public static RunFilter of(String job, @Nullable String status) {
		return new RunFilter(job, status, null, null, null, null);
	}

	/** The same filter, for the page of runs older than {@code id}. */
	public RunFilter before(long id) {
		return new RunFilter(this.job, this.status, this.from, this.to, this.parameter, id);
	}

	public boolean filters() {
		return this.job != null || this.status != null || this.from != null || this.to != null
				|| this.parameter != null;
	}

}
