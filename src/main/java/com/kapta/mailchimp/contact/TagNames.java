package com.kapta.mailchimp.contact;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.kapta.mailchimp.InvalidInputException;

/**
 * Mailchimp tag names as users type them: a separated list, trimmed, unique ignoring
 * case.
 */
public final class TagNames {

	/** Mailchimp's limit on a tag name. */
	public static final int MAX_LENGTH = 100;

	private TagNames() {
	}

	/**
	 * The names in {@code list}, in the order given, without repeats. An empty name (as
	 * in {@code "A,,B"}) is refused rather than dropped: it is usually a typo the user
	 * should see.
	 */
	public static List<String> parse(String list, char separator) {
		List<String> names = new ArrayList<>();
		if (list == null || list.isBlank()) {
			return names;
		}
		var seen = new TreeSet<String>(String.CASE_INSENSITIVE_ORDER);
		for (String piece : list.split(Pattern.quote(String.valueOf(separator)), -1)) {
			String name = requireValid(piece);
			if (seen.add(name)) {
				names.add(name);
			}
		}
		return names;
	}

	public static String requireValid(String raw) {
		String name = raw.strip();
		if (name.isEmpty()) {
			throw new InvalidInputException("A tag name is empty");
		}
		if (name.length() > MAX_LENGTH) {
			throw new InvalidInputException(
					"The tag name '" + name.substring(0, 20) + "…' is longer than " + MAX_LENGTH + " characters");
		}
		return name;
	}

}
