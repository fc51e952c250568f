package com.kapta.mailchimp.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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

import com.kapta.mailchimp.batch.LaunchStamp;
import com.kapta.mailchimp.mailchimp.RunSignups;

/**
 * The import's job parameters. A run is identified by its file (the taken copy's path,
 * the name it was dropped under and its content's SHA-256), whether it is a dry run, and
 * its launch time, so the same content dropped again is a run of its own.
 *
 * @param file the file the run reads: the taken copy, or the user's own file in a dry run
 * @param name the name the file was dropped under, for the report and messages
 * @param sha256 the file's content's digest
 * @param dryRun whether nothing is changed
 * @param launchedAt the launch time
 */
public record ImportParameters(Path file, String name, String sha256, boolean dryRun, Instant launchedAt) {

	private static final String FILE = "file";

	private static final String NAME = "name";

	private static final String CHECKSUM = "sha256";

	private static final String DRY_RUN = "dryRun";

	private static final String LAUNCHED_AT = "launchedAt";

	/** A launch now of {@code file}, whose content is digested here. */
	static ImportParameters launch(Path file, String name, boolean dryRun) {
		return new ImportParameters(file, name, sha256(file), dryRun, Instant.now());
	}

	public static ImportParameters of(JobParameters parameters) {
		return new ImportParameters(Path.of(parameters.getString(FILE)), parameters.getString(NAME),
				parameters.getString(CHECKSUM), Boolean.parseBoolean(parameters.getString(DRY_RUN)),
				LaunchStamp.parse(parameters.getString(LAUNCHED_AT)));
	}

	JobParameters toJobParameters() {
		return new JobParametersBuilder().addString(FILE, this.file.toString())
			.addString(NAME, this.name)
			.addString(CHECKSUM, this.sha256)
			.addString(DRY_RUN, Boolean.toString(this.dryRun))
			.addString(LAUNCHED_AT, LaunchStamp.format(this.launchedAt))
			.toJobParameters();
	}

	/**
	 * The {@code timestamp_signup} a run stamps on the members it creates: its launch, to
	 * the second.
	 */
	String signupStamp() {
		return RunSignups.stamp(this.launchedAt);
	}

	private static String sha256(Path file) {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(OutputStream.nullOutputStream());
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
