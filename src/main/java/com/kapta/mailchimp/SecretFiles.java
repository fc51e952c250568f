package com.kapta.mailchimp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files that hold a secret (the API key, the database's password), and the data folder's
 * other small files (the served database's port): readable by their owner only from the
 * moment they exist, and replaced whole (written aside, then moved over), so that no
 * reader ever sees half of one.
 */
public final class SecretFiles {

	private SecretFiles() {
	}

	/** Writes {@code secret} into {@code file}, owner-only, replacing what it held. */
	public static void write(Path file, String secret) throws IOException {
		Files.createDirectories(file.getParent());
		Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
		Files.deleteIfExists(tmp);
		if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		Files.writeString(tmp, secret, StandardCharsets.US_ASCII);
		Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

}
