package com.kapta.mailchimp.webhook;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.SecretFiles;

/**
 * The webhook's two secrets, in a file of the data folder's {@code secrets/} readable by
 * its owner only (as the API key): the token in the webhook's address and the signing
 * secret Mailchimp gave when it was created. Never in the database, a log, a page or an
 * answer. Read again when the file changes, so a second instance given a copy of the file
 * takes it without a restart.
 */
@Component
class WebhookSecrets {

	/**
	 * The secrets.
	 *
	 * @param token the last part of the webhook's address
	 * @param signingSecret what Mailchimp signs deliveries with; unknown until Mailchimp
	 * created the webhook
	 */
	record Secrets(String token, @Nullable String signingSecret) {

		/** Whether {@code candidate} is the token, compared in constant time. */
		boolean tokenIs(String candidate) {
			return MessageDigest.isEqual(this.token.getBytes(StandardCharsets.UTF_8),
					candidate.getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public String toString() {
			return "Secrets[token and signing secret hidden]";
		}

	}

	private final SecureRandom random = new SecureRandom();

	private final Path file;

	private @Nullable FileTime readAt;

	private Optional<Secrets> cached = Optional.empty();

	WebhookSecrets(KaptaProperties properties) {
		this.file = properties.dataDir().resolve("secrets").resolve("mailchimp-webhook");
	}

	/** The secrets, if a webhook was registered. */
	synchronized Optional<Secrets> load() {
		try {
			FileTime modified = Files.getLastModifiedTime(this.file);
			if (!modified.equals(this.readAt)) {
				Properties stored = new Properties();
				stored.load(new StringReader(Files.readString(this.file, StandardCharsets.US_ASCII)));
				String token = stored.getProperty("token");
				this.cached = (token == null || token.isBlank()) ? Optional.empty()
						: Optional.of(new Secrets(token.strip(), blankToNull(stored.getProperty("signing-secret"))));
				this.readAt = modified;
			}
			return this.cached;
		}
		catch (NoSuchFileException ex) {
			this.readAt = null;
			this.cached = Optional.empty();
			return this.cached;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the webhook's secrets in " + this.file.getParent(), ex);
		}
	}

	/** A new token: 32 random bytes in hex, as long as a guess could never reach. */
	String newToken() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	synchronized void save(Secrets secrets) {
		String text = "token=" + secrets.token() + "\n"
				+ ((secrets.signingSecret() != null) ? "signing-secret=" + secrets.signingSecret() + "\n" : "");
		try {
			SecretFiles.write(this.file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot store the webhook's secrets in " + this.file.getParent(), ex);
		}
		this.readAt = null;
	}

	synchronized void delete() {
		try {
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot remove the webhook's secrets in " + this.file.getParent(), ex);
		}
		this.readAt = null;
		this.cached = Optional.empty();
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
