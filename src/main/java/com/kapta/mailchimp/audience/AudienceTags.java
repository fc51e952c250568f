package com.kapta.mailchimp.audience;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import com.kapta.mailchimp.database.Dialect;
import com.kapta.mailchimp.mailchimp.Segment;

/** The audience's tags as last seen on Mailchimp: name → static segment id. */
@Repository
public class AudienceTags {

	private final JdbcTemplate jdbc;

	private final Dialect dialect;

	AudienceTags(JdbcTemplate jdbc, Dialect dialect) {
		this.jdbc = jdbc;
		this.dialect = dialect;
	}

	/**
	 * Replaces Kapta's copy with what Mailchimp has now: every tag written (or its id
	 * updated), then those not seen now removed. Not a delete and insert: two runs
	 * refreshing at once (a push beside an upload, on two instances) then both inserted
	 * the same rows and one failed on the key.
	 */
	@Transactional
	public void replace(String audienceId, Collection<Segment> tags) {
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbc.batchUpdate(upsert(), tags, 500, (ps, tag) -> {
			ps.setString(1, audienceId);
			ps.setString(2, tag.name());
			ps.setLong(3, tag.id());
			ps.setTimestamp(4, now);
		});
		this.jdbc.update("DELETE FROM audience_tag WHERE audience_id = ? AND seen_at < ?", audienceId, now);
	}

	/** Adds one tag just created on Mailchimp. */
	public void add(String audienceId, Segment tag) {
		this.jdbc.update(upsert(), audienceId, tag.name(), tag.id(), Timestamp.from(Instant.now()));
	}

	private String upsert() {
		return (this.dialect == Dialect.HSQLDB) ? """
				MERGE INTO audience_tag t
				USING (VALUES (CAST(? AS VARCHAR(50)), CAST(? AS VARCHAR_IGNORECASE(100)), CAST(? AS BIGINT),
				               CAST(? AS TIMESTAMP WITH TIME ZONE)))
				    AS v (audience_id, name, segment_id, seen_at)
				ON t.audience_id = v.audience_id AND t.name = v.name
				WHEN MATCHED THEN UPDATE SET name = v.name, segment_id = v.segment_id, seen_at = v.seen_at
				WHEN NOT MATCHED THEN INSERT (audience_id, name, segment_id, seen_at)
				    VALUES (v.audience_id, v.name, v.segment_id, v.seen_at)""" : """
				INSERT INTO audience_tag (audience_id, name, segment_id, seen_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (audience_id, name) DO UPDATE
				SET name = EXCLUDED.name, segment_id = EXCLUDED.segment_id, seen_at = EXCLUDED.seen_at""";
	}

	/**
	 * The audience's tags by name (ignoring case), in Mailchimp's spelling, sorted
	 * ignoring case.
	 */
	public Map<String, Long> all(String audienceId) {
		Map<String, Long> tags = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		this.jdbc.query("SELECT name, segment_id FROM audience_tag WHERE audience_id = ?", (rs) -> {
			tags.put(rs.getString("name"), rs.getLong("segment_id"));
		}, audienceId);
		return tags;
	}

	/**
	 * When Kapta's copy of the audience's tags was last refreshed from Mailchimp, if
	 * ever.
	 */
	public Optional<Instant> lastRefreshed(String audienceId) {
		Timestamp seen = this.jdbc.queryForObject("SELECT MAX(seen_at) FROM audience_tag WHERE audience_id = ?",
				Timestamp.class, audienceId);
		return Optional.ofNullable(seen).map(Timestamp::toInstant);
	}

	/**
	 * The segment ids of these tags, in the order given; a tag the audience does not have
	 * is left out.
	 */
	public Map<String, Long> idsOf(String audienceId, Collection<String> names) {
		Map<String, Long> all = all(audienceId);
		Map<String, Long> ids = new LinkedHashMap<>();
		for (String name : names) {
			Long id = all.get(name);
			if (id != null) {
				ids.put(name, id);
			}
		}
		return ids;
	}

}
