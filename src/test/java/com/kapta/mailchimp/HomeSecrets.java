package com.kapta.mailchimp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;

import com.kapta.mailchimp.demo.SecretScan;

/**
 * The API key in a Kapta home that no process holds: looked for with the demo's own scan,
 * or planted.
 */
public final class HomeSecrets {

	private HomeSecrets() {
	}

	/**
	 * {@link SecretScan#find} over the home's {@code data/} and {@code jobs/} and its
	 * database.
	 */
	public static List<String> find(Path home, String secret) {
		return HomeDatabase.ask(home, (jdbc) -> {
			try {
				return SecretScan.find(secret, jdbc, home.resolve("data"), home.resolve("jobs"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/**
	 * Puts the secret where a careless change could: a job's execution context, and a
	 * workbook.
	 */
	public static void plant(Path home, String secret) throws IOException {
		try (var workbook = new XSSFWorkbook();
				var out = Files.newOutputStream(home.resolve("jobs").resolve("planted.xlsx"))) {
			workbook.createSheet("Report").createRow(0).createCell(0).setCellValue("key " + secret);
			workbook.write(out);
		}
		var bytes = new ByteArrayOutputStream();
		new DefaultExecutionContextSerializer().serialize(new HashMap<>(Map.of("apiKey", secret)), bytes);
		HomeDatabase.ask(home,
				(jdbc) -> jdbc.update("UPDATE batch_job_execution_context SET short_context = ? "
						+ "WHERE job_execution_id = (SELECT MIN(job_execution_id) FROM batch_job_execution_context)",
						Base64.getEncoder().encodeToString(bytes.toByteArray())));
	}

}
