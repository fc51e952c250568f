package com.kapta.mailchimp.demo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Looks for a secret everywhere Kapta keeps something: every file of the given folders
 * but the key's own ({@code secrets/}), inside xlsx workbooks too (they are compressed,
 * so a byte search would not see it), and every text value of every table, Spring Batch's
 * execution contexts decoded (stored serialized). The demo runs it on its own home; the
 * tests run it too, and prove it bites by planting the key.
 */
public final class SecretScan {

	private SecretScan() {
	}

	/**
	 * Where the secret (or its part before the data center, in any letter case) was
	 * found: a file as {@code folder-name/relative/path}, a database value as
	 * {@code TABLE.COLUMN}.
	 */
	public static List<String> find(String secret, JdbcTemplate database, Path... folders) throws IOException {
		String needle = (secret.contains("-") ? secret.substring(0, secret.indexOf('-')) : secret)
			.toLowerCase(Locale.ROOT);
		List<String> found = new ArrayList<>();
		for (Path folder : folders) {
			try (Stream<Path> files = Files.walk(folder)) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					if (!file.getParent().getFileName().toString().equals("secrets") && contains(text(file), needle)) {
						found.add(folder.getFileName().resolve(folder.relativize(file)).toString());
					}
				}
			}
		}
		var serializer = new DefaultExecutionContextSerializer();
		database.query(
				"""
						SELECT table_name, column_name FROM information_schema.columns
						WHERE table_schema = CURRENT_SCHEMA AND (UPPER(data_type) LIKE '%CHAR%' OR UPPER(data_type) LIKE '%CLOB%'
						    OR UPPER(data_type) = 'TEXT' OR LOWER(udt_name) = 'citext')""",
				(rs) -> {
					// the names as the database keeps them (HSQLDB's upper case,
					// PostgreSQL's lower)
					String table = rs.getString(1);
					String column = rs.getString(2);
					boolean serialized = table.toUpperCase(Locale.ROOT).endsWith("_CONTEXT");
					for (String value : database.queryForList("SELECT \"" + column + "\" FROM \"" + table + "\"",
							String.class)) {
						if (value != null && (contains(value, needle)
								|| (serialized && contains(decoded(serializer, value), needle)))) {
							found.add(table + "." + column);
							return;
						}
					}
				});
		return found;
	}

	private static String decoded(DefaultExecutionContextSerializer serializer, String value) {
		try {
			return serializer.deserialize(new ByteArrayInputStream(Base64.getDecoder().decode(value))).toString();
		}
		catch (IOException | IllegalArgumentException ex) {
			return value; // not a serialized context: searched as it is
		}
	}

	/** A file's text: an xlsx's entries unpacked, any other file as its bytes. */
	private static String text(Path file) throws IOException {
		if (!file.getFileName().toString().endsWith(".xlsx")) {
			return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
		}
		StringBuilder text = new StringBuilder();
		try (ZipFile zip = new ZipFile(file.toFile())) {
			for (ZipEntry entry : Collections.list(zip.entries())) {
				text.append(new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return text.toString();
	}

	private static boolean contains(String text, String lowerCaseNeedle) {
		return text.toLowerCase(Locale.ROOT).contains(lowerCaseNeedle);
	}

}
