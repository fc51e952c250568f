package com.kapta.mailchimp.users;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.Sha256;
import com.kapta.mailchimp.audit.AuditEvent;
import com.kapta.mailchimp.audit.AuditTrail;

/**
 * The users of the console and the API. A password is stored only as its adaptive hash; a
 * password or token that Kapta makes is returned once, to be shown once, and never kept.
 * Repeated failed sign-ins lock a user for a while.
 */
@Service
public class UserAccounts {

	/** What a sign-in checks: the stored hash, the role, whether a lock holds. */
	public record Credentials(String username, Role role, String passwordHash, boolean locked) {
	}

	private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@-]{1,100}");

	private static final int MIN_PASSWORD = 12;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final PasswordEncoder encoder;

	private final UsersProperties properties;

	private final Clock clock;

	private final AuditTrail audit;

	UserAccounts(JdbcClient jdbc, PasswordEncoder encoder, UsersProperties properties, Clock clock, AuditTrail audit) {
		this.audit = audit;
		this.jdbc = jdbc;
		this.encoder = encoder;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Adds a user; without a password one is made. Returns the password made, to be shown
	 * once.
	 */
	@Transactional
	public Optional<String> add(String username, Role role, @Nullable String password) {
		String name = requireUsername(username);
		if (exists(name)) {
			throw new InvalidInputException("A user named " + name + " exists already");
		}
		String chosen = (password != null) ? requirePassword(password) : random(15);
		this.jdbc.sql("""
				INSERT INTO app_user (username, role, password_hash, created_at) VALUES (?, ?, ?, ?)""")
			.params(name, role.name(), this.encoder.encode(chosen), Timestamp.from(this.clock.instant()))
			.update();
		this.audit.record(AuditEvent.USER_ADDED, name, "role " + role.label());
		return (password != null) ? Optional.empty() : Optional.of(chosen);
	}

	public List<UserAccount> list() {
		return this.jdbc.sql("""
				SELECT username, role, token_hash IS NOT NULL AS has_token, locked_until, created_at
				FROM app_user ORDER BY username""")
			.query((rs, n) -> new UserAccount(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getBoolean(3),
					instant(rs.getTimestamp(4)), rs.getTimestamp(5).toInstant()))
			.list();
	}

	@Transactional
	public void remove(String username) {
		if (this.jdbc.sql("DELETE FROM app_user WHERE username = ?").param(username.strip()).update() == 0) {
			throw noSuchUser(username);
		}
		this.audit.record(AuditEvent.USER_REMOVED, username.strip(), null);
	}

	/**
	 * Gives a user another role; its sessions and token keep working, with the new role.
	 */
	@Transactional
	public void role(String username, Role role) {
		String was = credentials(username).map((user) -> user.role().label()).orElseThrow(() -> noSuchUser(username));
		this.jdbc.sql("UPDATE app_user SET role = ? WHERE username = ?").params(role.name(), username.strip()).update();
		this.audit.record(AuditEvent.ROLE_CHANGED, username.strip(), was + " → " + role.label());
	}

	/**
	 * Sets a user's password, also unlocking the user; without one a password is made and
	 * returned once.
	 */
	@Transactional
	public Optional<String> password(String username, @Nullable String password) {
		String chosen = (password != null) ? requirePassword(password) : random(15);
		int changed = this.jdbc.sql("""
				UPDATE app_user SET password_hash = ?, failed_sign_ins = 0, locked_until = NULL WHERE username = ?""")
			.params(this.encoder.encode(chosen), username.strip())
			.update();
		if (changed == 0) {
			throw noSuchUser(username);
		}
		this.audit.record(AuditEvent.PASSWORD_CHANGED, username.strip(),
				(password != null) ? "password chosen" : "password made and shown once");
		return (password != null) ? Optional.empty() : Optional.of(chosen);
	}

	/** Makes a new API token for the user, replacing the one it had; returned once. */
	@Transactional
	public String token(String username) {
		String token = "kapta_" + random(32);
		if (this.jdbc.sql("UPDATE app_user SET token_hash = ? WHERE username = ?")
			.params(sha256(token), username.strip())
			.update() == 0) {
			throw noSuchUser(username);
		}
		this.audit.record(AuditEvent.TOKEN_ISSUED, username.strip(), "a new API token; the one before no longer works");
		return token;
	}

	/** What a sign-in with this name checks, if there is such a user. */
	public Optional<Credentials> credentials(String username) {
		return this.jdbc.sql("SELECT username, role, password_hash, locked_until FROM app_user WHERE username = ?")
			.param(username.strip())
			.query((rs, n) -> new Credentials(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getString(3),
					locked(instant(rs.getTimestamp(4)))))
			.optional();
	}

	/**
	 * A digest of what a console session signed in as this user depends on (its password
	 * hash and role); empty when the user is gone. A session whose digest differs has
	 * outlived its account.
	 */
	public Optional<String> sessionStamp(String username) {
		return credentials(username).map((user) -> sha256(user.passwordHash() + "\n" + user.role()));
	}

	/** The user this API token belongs to, if any. */
	public Optional<Credentials> byToken(String token) {
		return this.jdbc.sql("SELECT username FROM app_user WHERE token_hash = ?")
			.param(sha256(token))
			.query(String.class)
			.optional()
			.flatMap(this::credentials);
	}

	/**
	 * A failed sign-in: the {@code lockAfter}-th since the last lock ended locks the user
	 * for {@code lockFor}. Failures while a lock holds are not counted (a stranger's
	 * guesses must not make it last longer), and the first after it ended counts from one
	 * again: one wrong guess every {@code lockFor} no longer keeps a user locked for
	 * good. Returns whether this failure locked the user.
	 */
	public boolean signInFailed(String username) {
		Timestamp now = Timestamp.from(this.clock.instant());
		Timestamp until = Timestamp.from(this.clock.instant().plus(this.properties.lockFor()));
		int counted = this.jdbc.sql("""
				UPDATE app_user SET
				    failed_sign_ins = CASE WHEN locked_until IS NULL THEN failed_sign_ins + 1 ELSE 1 END,
				    locked_until = CASE WHEN (CASE WHEN locked_until IS NULL THEN failed_sign_ins + 1 ELSE 1 END) >= ?
				                        THEN CAST(? AS TIMESTAMP WITH TIME ZONE) END
				WHERE username = ? AND (locked_until IS NULL OR locked_until <= CAST(? AS TIMESTAMP WITH TIME ZONE))""")
			.params(this.properties.lockAfter(), until, username.strip(), now)
			.update();
		boolean locked = counted > 0 && credentials(username).map(Credentials::locked).orElse(false);
		if (locked) {
			this.audit.record(AuditEvent.USER_LOCKED, username.strip(),
					this.properties.lockAfter() + " failed sign-ins; locked for " + this.properties.lockFor());
		}
		return locked;
	}

	/** Lifts a user's lock and forgets its failed sign-ins. */
	@Transactional
	public void unlock(String username) {
		if (this.jdbc.sql("UPDATE app_user SET failed_sign_ins = 0, locked_until = NULL WHERE username = ?")
			.param(username.strip())
			.update() == 0) {
			throw noSuchUser(username);
		}
		this.audit.record(AuditEvent.USER_UNLOCKED, username.strip(), null);
	}

	/** A good sign-in starts the count again (a write only when there is a count). */
	public void signedIn(String username) {
		this.jdbc.sql("""
				UPDATE app_user SET failed_sign_ins = 0, locked_until = NULL
				WHERE username = ? AND (failed_sign_ins > 0 OR locked_until IS NOT NULL)""")
			.param(username.strip())
			.update();
	}

	private boolean locked(@Nullable Instant until) {
		return until != null && until.isAfter(this.clock.instant());
	}

	private boolean exists(String username) {
		return this.jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = ?")
			.param(username)
			.query(Long.class)
			.single() > 0;
	}

	private static String requireUsername(String username) {
		String name = username.strip();
		if (!USERNAME.matcher(name).matches()) {
			throw new InvalidInputException(
					"A username is 1 to 100 letters, digits and . _ @ - (no spaces), not '" + name + "'");
		}
		return name;
	}

	private static String requirePassword(String password) {
		if (password.length() < MIN_PASSWORD || password.isBlank()) {
			throw new InvalidInputException("A password has at least " + MIN_PASSWORD + " characters");
		}
		return password;
	}

	private static InvalidInputException noSuchUser(String username) {
		return new InvalidInputException("No user is named " + username.strip());
	}

	/** {@code bytes} random bytes, URL-safe: 15 make a password of 20 characters. */
	private static String random(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	/**
	 * A token is 256 random bits, so a fast hash keeps it as safe as an adaptive one
	 * would, and lets a request's token be found by its hash.
	 */
	private static String sha256(String token) {
		return Sha256.hex(token.getBytes(StandardCharsets.UTF_8));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
