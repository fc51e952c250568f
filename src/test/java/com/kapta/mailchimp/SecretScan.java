package com.kapta.mailchimp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;

/**
 * Looks for a secret everywhere a Kapta home keeps something: every file (inside xlsx workbooks too, which
 * are compressed) but the key's own file, and every text value of every table of the database, execution
 * contexts decoded (Spring Batch stores them serialized, where a byte search would not see the key).
 */
public final class SecretScan {

	private SecretScan() {
	}

	/** Where the secret (or its part before the data center) was found, as "file" or "table.column" lines. */
	public static List<String> find(Path home, String secret) throws IOException {
		String hex = secret.contains("-") ? secret.substring(0, secret.indexOf('-')) : secret;
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(home)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				if (!file.getParent().getFileName().toString().equals("secrets") && contains(text(file), hex)) {
					found.add(home.relativize(file).toString());
				}
			}
		}
		HomeDatabase.ask(home, (jdbc) -> {
			var serializer = new DefaultExecutionContextSerializer();
			jdbc.query("""
					SELECT table_name, column_name FROM information_schema.columns
					WHERE table_schema = 'PUBLIC' AND (data_type LIKE '%CHAR%' OR data_type LIKE '%CLOB%')""", (rs) -> {
				String table = rs.getString(1);
				String column = rs.getString(2);
				for (String value : jdbc.queryForList("SELECT \"" + column + "\" FROM \"" + table + "\"", String.class)) {
					if (value != null && (contains(value, hex) || (table.endsWith("_CONTEXT") && decoded(serializer, value).contains(hex)))) {
						found.add(table + "." + column);
					}
				}
			});
			return null;
		});
		return found;
	}

	/** Puts the secret where a careless change could: a job's execution context, and a workbook. */
	public static void plant(Path home, String secret) throws IOException {
		try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
				var out = Files.newOutputStream(home.resolve("jobs").resolve("planted.xlsx"))) {
			workbook.createSheet("Report").createRow(0).createCell(0).setCellValue("key " + secret);
			workbook.write(out);
		}
		var bytes = new java.io.ByteArrayOutputStream();
		new DefaultExecutionContextSerializer().serialize(new java.util.HashMap<>(java.util.Map.of("apiKey", secret)), bytes);
		HomeDatabase.ask(home, (jdbc) -> jdbc.update("UPDATE batch_job_execution_context SET short_context = ? "
				+ "WHERE job_execution_id = (SELECT MIN(job_execution_id) FROM batch_job_execution_context)",
				Base64.getEncoder().encodeToString(bytes.toByteArray())));
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
			for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
				text.append(new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return text.toString();
	}

	private static boolean contains(String text, String secret) {
		return text.toLowerCase(java.util.Locale.ROOT).contains(secret.toLowerCase(java.util.Locale.ROOT));
	}

}
