package com.kapta.mailchimp.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

import com.kapta.mailchimp.InvalidInputException;

/**
 * Which database Kapta uses: the embedded HSQLDB file in the data folder (the default),
 * shared between processes through the service, or a PostgreSQL server.
 *
 * @param port the port on 127.0.0.1 where the service serves the embedded database; 0
 * picks a free one
 * @param lockWait how long a one-shot command waits for another process to release the
 * embedded database file
 * @param url a PostgreSQL server's JDBC URL
 * ({@code jdbc:postgresql://host:port/database}); unset, the embedded file is used
 * @param username the server's user
 * @param password the user's password, or
 * @param passwordFile a file holding it (a secret kept out of the environment)
 * @param lockCheck how often, on PostgreSQL, a running job checks that the connection
 * holding its lock is still there (a database restart cuts it: the lock is taken again,
 * or the run stops if another process took it meanwhile)
 */
@ConfigurationProperties("kapta.database")
public record DatabaseProperties(@DefaultValue("0") int port, @DefaultValue("10s") Duration lockWait,
		@Nullable String url, @Nullable String username, @Nullable String password, @Nullable Path passwordFile,
		@DefaultValue("5s") Duration lockCheck) {

	/** Whether a database server is named (otherwise the embedded file is used). */
	public boolean server() {
		return StringUtils.hasText(this.url);
	}

	/** The server's URL, refused with one sentence when it is not PostgreSQL's. */
	String serverUrl() {
		String named = (this.url == null) ? "" : this.url.strip();
		if (!named.startsWith("jdbc:postgresql://")) {
			throw new InvalidInputException("kapta.database.url must be a PostgreSQL JDBC URL such as "
					+ "jdbc:postgresql://db.example.com:5432/kapta");
		}
		return named;
	}

	/** The password, from the file when one is named; null when there is none. */
	@Nullable String secret() {
		if (this.passwordFile == null) {
			return this.password;
		}
		try {
			return Files.readString(this.passwordFile).strip();
		}
		catch (IOException ex) {
			throw new InvalidInputException(
					"The database password file " + this.passwordFile + " cannot be read: " + ex.getMessage(), ex);
		}
	}

	/** Never the password: this record may be printed. */
	@Override
	public String toString() {
		return "DatabaseProperties[port=" + this.port + ", lockWait=" + this.lockWait + ", url=" + this.url
				+ ", username=" + this.username + ", password=" + ((this.password == null) ? "(none)" : "****")
				+ ", passwordFile=" + this.passwordFile + ", lockCheck=" + this.lockCheck + "]";
	}

}
