package com.kapta.mailchimp.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.SecretFiles;

/**
 * Keeps the stored API key in a file readable by its owner only, beside the database
 * rather than in it: Spring Batch's tables, database dumps and backups then never hold
 * the secret.
 */
@Component
class ApiKeyStore {

	private final Path file;

	ApiKeyStore(KaptaProperties properties) {
		this.file = properties.dataDir().resolve("secrets").resolve("mailchimp-api-key");
	}

	Optional<ApiKey> load() {
		try {
			if (!Files.exists(this.file)) {
				return Optional.empty();
			}
			return Optional.of(ApiKey.parse(Files.readString(this.file, StandardCharsets.US_ASCII)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the stored API key in " + this.file.getParent(), ex);
		}
	}

	void save(ApiKey key) {
		try {
			SecretFiles.write(this.file, key.secret());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot store the API key in " + this.file.getParent(), ex);
		}
	}

	void delete() {
		try {
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot remove the stored API key in " + this.file.getParent(), ex);
		}
	}

}
