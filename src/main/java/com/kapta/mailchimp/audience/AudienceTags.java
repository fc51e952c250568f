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

import com.kapta.mailchimp.mailchimp.Segment;

/** The audience's tags as last seen on Mailchimp: name → static segment id. */
@Repository
public class AudienceTags {

	private final JdbcTemplate jdbc;

	AudienceTags(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Replaces Kapta's copy with what Mailchimp has now. */
	@Transactional
	public void replace(String audienceId, Collection<Segment> tags) {
		this.jdbc.update("DELETE FROM audience_tag WHERE audience_id = ?", audienceId);
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbc.batchUpdate("INSERT INTO audience_tag (audience_id, name, segment_id, seen_at) VALUES (?, ?, ?, ?)",
				tags, 500, (ps, tag) -> {
					ps.setString(1, audienceId);
					ps.setString(2, tag.name());
					ps.setLong(3, tag.id());
					ps.setTimestamp(4, now);
				});
	}

	/** Adds one tag just created on Mailchimp. */
	public void add(String audienceId, Segment tag) {
		this.jdbc.update(
				"INSERT INTO audience_tag (audience_id, name, segment_id, seen_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP)",
				audienceId, tag.name(), tag.id());
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
