package com.kapta.mailchimp.contact;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Kapta-side contact changes not yet sent to Mailchimp. */
@Repository
public class Outbox {

	private final JdbcClient jdbc;

	Outbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Which of these contacts have a change still waiting to be sent. */
	public Set<Long> withPendingChanges(Collection<Long> contactIds) {
		return new HashSet<>(this.jdbc.sql("""
				SELECT DISTINCT contact_id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL
				AND contact_id IN (UNNEST(CAST(? AS BIGINT ARRAY)))""")
			.param(contactIds.toArray(Long[]::new))
			.query(Long.class)
			.list());
	}

}
