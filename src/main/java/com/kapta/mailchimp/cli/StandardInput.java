package com.kapta.mailchimp.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A secret given as {@code -}: read from standard input, so it stays out of the shell's
 * history and the process list.
 */
final class StandardInput {

	private StandardInput() {
	}

	/** The first line of standard input, empty when there is none. */
	static String line(String what) {
		try {
			String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
			return (line == null) ? "" : line;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + what + " from standard input", ex);
		}
	}

}
