package com.kapta.mailchimp.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.kapta.mailchimp.KaptaProperties;

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
			Files.createDirectories(this.file.getParent());
			Path tmp = this.file.resolveSibling(this.file.getFileName() + ".tmp");
			Files.deleteIfExists(tmp);
			if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
				Files.createFile(tmp,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			Files.writeString(tmp, key.secret(), StandardCharsets.US_ASCII);
			Files.move(tmp, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
