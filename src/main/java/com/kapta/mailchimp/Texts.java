package com.kapta.mailchimp;

import org.jspecify.annotations.Nullable;

/** Small text rules that several features share. */
public final class Texts {

	private Texts() {
	}

	/** A user's optional value: stripped, or {@code null} when there is nothing in it. */
	public static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	/**
	 * The text cut to fit a column of {@code max} characters, an ellipsis marking the
	 * cut.
	 */
	public static @Nullable String truncate(@Nullable String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

}
