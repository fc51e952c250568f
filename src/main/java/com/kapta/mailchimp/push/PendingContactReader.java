package com.kapta.mailchimp.push;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.kapta.mailchimp.contact.Outbox;
import com.kapta.mailchimp.contact.Outbox.Pending;

/**
 * The contacts with changes waiting (up to the run's last change), by contact id, a page
 * at a time. It keeps no position: a chunk's changes are marked sent or failed in the
 * chunk's transaction, so after a restart the changes still waiting are exactly those not
 * yet done.
 */
class PendingContactReader implements ItemReader<PendingContact> {

	private static final int PAGE = 1000;

	private final Outbox outbox;

	private final JdbcClient jdbc;

	private final long upToId;

	private final Deque<PendingContact> page = new ArrayDeque<>();

	private long lastContactId;

	PendingContactReader(Outbox outbox, JdbcClient jdbc, long upToId) {
		this.outbox = outbox;
		this.jdbc = jdbc;
		this.upToId = upToId;
	}

	@Override
	public PendingContact read() {
		if (this.page.isEmpty()) {
			fetch();
		}
		PendingContact next = this.page.poll();
		if (next != null) {
			this.lastContactId = next.contactId();
		}
		return next;
	}

	private void fetch() {
		List<Long> ids = this.outbox.contactsWithPending(this.lastContactId, this.upToId, PAGE);
		if (ids.isEmpty()) {
			return;
		}
		Map<Long, List<Pending>> changes = this.outbox.pendingOf(ids, this.upToId);
		this.page.addAll(this.jdbc.sql("""
				SELECT c.id, c.email, c.first_name, c.last_name FROM UNNEST(CAST(? AS BIGINT ARRAY)) AS u (id)
				JOIN contact c ON c.id = u.id ORDER BY c.id""")
			.param(ids.toArray(Long[]::new))
			.query((rs, n) -> new PendingContact(rs.getLong("id"), rs.getString("email"), rs.getString("first_name"),
					rs.getString("last_name"), changes.getOrDefault(rs.getLong("id"), List.of())))
			.list());
	}

}
