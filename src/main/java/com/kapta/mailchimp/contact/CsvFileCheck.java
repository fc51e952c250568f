package com.kapta.mailchimp.contact;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.kapta.mailchimp.InvalidInputException;

/**
 * Reads a CSV file to its end before anything of it is loaded: a byte that is not UTF-8
 * or a broken quote anywhere refuses the file whole, naming the line, instead of leaving
 * it half loaded (the loader commits a batch at a time). Reading twice costs little
 * beside the inserts.
 */
final class CsvFileCheck {

	private static final Pattern STARTLINE = Pattern.compile("\\(startline ([\\d,.\\u00a0\\u202f]+)\\)");

	private CsvFileCheck() {
	}

	/**
	 * Refuses the file if it is not UTF-8 text or not CSV that {@code format} can read to
	 * its end.
	 */
	static void check(Path file, CSVFormat format) throws IOException {
		requireUtf8(file);
		try (Reader reader = Files.newBufferedReader(file)) {
			CSVParser parser;
			try {
				parser = format.parse(reader);
			}
			catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException ex) {
				throw new InvalidInputException(
						file + " is not valid CSV in its header: " + reason(ex) + "; nothing was loaded");
			}
			try (parser) {
				for (CSVRecord record : parser) {
					record.size(); // read through, nothing kept
				}
			}
			catch (UncheckedIOException | IllegalStateException ex) {
				String reason = reason(ex);
				// an unclosed quote is found at the end of the file; commons-csv names
				// the line it opened on
				Matcher opened = STARTLINE.matcher(reason);
				// commons-csv formats it with a grouping separator
				long line = opened.find() ? Long.parseLong(opened.group(1).replaceAll("\\D", ""))
						: parser.getCurrentLineNumber() + 1;
				throw new InvalidInputException(file + " is not valid CSV at line " + line + ": "
						+ opened.replaceFirst("").strip() + "; nothing was loaded");
			}
		}
	}

	/**
	 * Decodes the file a line at a time, so that the line of a byte that is not UTF-8 is
	 * known.
	 */
	private static void requireUtf8(Path file) throws IOException {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
			var line = new ByteArrayOutputStream();
			long number = 1;
			for (int b = in.read(); b != -1; b = in.read()) {
				if (b == '\n') {
					decode(decoder, line, number, file);
					line.reset();
					number++;
				}
				else {
					line.write(b);
				}
			}
			decode(decoder, line, number, file);
		}
	}

	private static void decode(CharsetDecoder decoder, ByteArrayOutputStream line, long number, Path file) {
		try {
			decoder.reset().decode(ByteBuffer.wrap(line.toByteArray()));
		}
		catch (CharacterCodingException ex) {
			throw new InvalidInputException(file + " is not UTF-8 text: line " + number
					+ " has a byte that is not UTF-8 (save the file as UTF-8); nothing was loaded");
		}
	}

	/** commons-csv's own words, without the Java class names it wraps them in. */
	private static String reason(Exception ex) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		String message = (cause.getMessage() != null) ? cause.getMessage() : "unreadable";
		return message.replaceFirst("^[\\w.$]+(Exception|Error): ", "");
	}

}
