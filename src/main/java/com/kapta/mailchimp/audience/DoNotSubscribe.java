package com.kapta.mailchimp.audience;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.kapta.mailchimp.EmailKey;
import com.kapta.mailchimp.Texts;
import com.kapta.mailchimp.database.Dialect;

/**
 * The addresses Mailchimp will not (re)subscribe, remembered so that no run sends them
 * again and again: unsubscribed, cleaned, archived, permanently deleted (forgotten), in a
 * compliance state, or refused as invalid. Their tag changes may still apply when they
 * are members.
 */
@Repository
public class DoNotSubscribe {

	/** Why an address is remembered. */
	public enum Reason {

		UNSUBSCRIBED, CLEANED, ARCHIVED, FORGOTTEN, COMPLIANCE, INVALID;

		/**
		 * The reason to remember a member of this status on Mailchimp: unsubscribed,
		 * cleaned or archived; none for the others.
		 */
		public static Optional<Reason> ofStatus(@Nullable String status) {
			return Optional.ofNullable(switch ((status != null) ? status : "") {
				case "unsubscribed" -> UNSUBSCRIBED;
				case "cleaned" -> CLEANED;
				case "archived" -> ARCHIVED;
				default -> null;
			});
		}

		/** The reason for an address Mailchimp refused to add, from its words. */
		public static Reason ofRefusal(String error) {
			String text = (error == null) ? "" : error.toLowerCase(Locale.ROOT);
			if (text.contains("permanently deleted") || text.contains("forgotten")) {
				return FORGOTTEN;
			}
			if (text.contains("compliance")) {
				return COMPLIANCE;
			}
			return INVALID;
		}

	}

	/**
	 * An address to remember.
	 *
	 * @param email the address
	 * @param reason why
	 * @param detail Mailchimp's words, if any
	 */
	public record Entry(String email, Reason reason, String detail) {

		/** An address Mailchimp refused to subscribe, in its words. */
		public static Entry refusal(String email, String error) {
			return new Entry(email, Reason.ofRefusal(error), error);
		}

	}

	private final JdbcTemplate jdbc;

	private final Dialect dialect;

	DoNotSubscribe(JdbcTemplate jdbc, Dialect dialect) {
		this.jdbc = jdbc;
		this.dialect = dialect;
	}

	/**
	 * Why each of these addresses is remembered, keyed by {@link EmailKey} (one not
	 * remembered is absent).
	 */
	public Map<String, Reason> reasonsOf(String audienceId, Collection<String> emails) {
		Map<String, Reason> reasons = new HashMap<>();
		this.jdbc.query("""
				SELECT d.email, d.reason FROM UNNEST(CAST(? AS %s)) AS u (email)
				JOIN do_not_subscribe d ON d.audience_id = ? AND d.email = u.email""".formatted(this.dialect.emails()),
				(rs) -> {
					reasons.put(EmailKey.of(rs.getString(1)), Reason.valueOf(rs.getString(2)));
				}, emails.toArray(String[]::new), audienceId);
		return reasons;
	}

	/** Remembers the addresses (or updates why), in one batched statement. */
	public void remember(String audienceId, List<Entry> entries) {
		String sql = (this.dialect == Dialect.HSQLDB) ? """
				MERGE INTO do_not_subscribe d
				USING (VALUES (CAST(? AS VARCHAR(50)), CAST(? AS VARCHAR_IGNORECASE(254)), CAST(? AS VARCHAR(30)),
				               CAST(? AS VARCHAR(1000))))
				    AS v (audience_id, email, reason, detail)
				ON d.audience_id = v.audience_id AND d.email = v.email
				WHEN MATCHED THEN UPDATE SET reason = v.reason, detail = v.detail, recorded_at = CURRENT_TIMESTAMP
				WHEN NOT MATCHED THEN INSERT (audience_id, email, reason, detail, recorded_at)
				    VALUES (v.audience_id, v.email, v.reason, v.detail, CURRENT_TIMESTAMP)""" : """
				INSERT INTO do_not_subscribe (audience_id, email, reason, detail, recorded_at)
				VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)
				ON CONFLICT (audience_id, email) DO UPDATE
				SET reason = EXCLUDED.reason, detail = EXCLUDED.detail, recorded_at = CURRENT_TIMESTAMP""";
		this.jdbc.batchUpdate(sql, entries, 500, (ps, entry) -> {
			ps.setString(1, audienceId);
			ps.setString(2, entry.email());
			ps.setString(3, entry.reason().name());
			ps.setString(4, Texts.truncate(entry.detail(), 1000));
		});
	}

}
