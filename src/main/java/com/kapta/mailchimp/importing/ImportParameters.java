package com.kapta.mailchimp.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The import's job parameters. A run is identified by its file (the taken copy's path,
 * the name it was dropped under and its content's SHA-256), whether it is a dry run, and
 * its launch time, so the same content dropped again is a run of its own.
 */
final class ImportParameters {

	static final String FILE = "file";

	static final String NAME = "name";

	static final String CHECKSUM = "sha256";

	static final String DRY_RUN = "dryRun";

	static final String LAUNCHED_AT = "launchedAt";

	private ImportParameters() {
	}

	static JobParameters of(Path file, String name, boolean dryRun) {
		return new JobParametersBuilder().addString(FILE, file.toString())
			.addString(NAME, name)
			.addString(CHECKSUM, sha256(file))
			.addString(DRY_RUN, Boolean.toString(dryRun))
			.addString(LAUNCHED_AT, Instant.now().toString())
			.toJobParameters();
	}

	private static String sha256(Path file) {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file + ": " + ex.getMessage(), ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
