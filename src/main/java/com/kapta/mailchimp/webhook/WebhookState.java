package com.kapta.mailchimp.webhook;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.kapta.mailchimp.Texts;

/**
 * What Kapta knows of its webhook, shared by every instance and command: its id on
 * Mailchimp, the public address it was registered at (never the token), and the last
 * failure to register it or to apply its events.
 */
@Repository
class WebhookState {

	/** The state, as the Integrations page and the API show it. */
	record State(@Nullable String webhookId, @Nullable String publicUrl, @Nullable Instant registeredAt,
			@Nullable String lastFailure, @Nullable Instant lastFailureAt) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	WebhookState(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	State read() {
		return this.jdbc
			.sql("SELECT webhook_id, public_url, registered_at, last_failure, last_failure_at FROM webhook_state")
			.query((rs, row) -> new State(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3)),
					rs.getString(4), instant(rs.getTimestamp(5))))
			.single();
	}

	/** Registered now, as {@code webhookId} at {@code publicUrl}. */
	void registered(String webhookId, String publicUrl) {
		this.jdbc
			.sql("UPDATE webhook_state SET webhook_id = ?, public_url = ?, registered_at = ?, last_failure = NULL,"
					+ " last_failure_at = NULL")
			.params(webhookId, publicUrl, Timestamp.from(this.clock.instant()))
			.update();
	}

	/** Removed: nothing registered any more. */
	void removed() {
		this.jdbc.sql("UPDATE webhook_state SET webhook_id = NULL, public_url = NULL, registered_at = NULL").update();
	}

	/** What failed last, in words that never hold a secret. */
	void failed(String what) {
		this.jdbc.sql("UPDATE webhook_state SET last_failure = ?, last_failure_at = ?")
			.params(Texts.truncate(what, 1000), Timestamp.from(this.clock.instant()))
			.update();
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
