package com.kapta.mailchimp.tagdownload;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import com.kapta.mailchimp.audience.AudienceMembers;
import com.kapta.mailchimp.batch.ChunkConnections;
import com.kapta.mailchimp.batch.ChunkLedger;
import com.kapta.mailchimp.batch.RunOutcomes.Outcome;
import com.kapta.mailchimp.contact.ContactRepository;
import com.kapta.mailchimp.contact.Outbox;

/**
 * Tag by tag, once every tag's list is read: gives each contact exactly the tags whose
 * lists hold its member, as a full scan does. A contact in no list loses its Kapta tags
 * if it is a member of the audience (not archived: the archived pass gave those theirs)
 * and keeps them if it is not (a full scan never reads it); one with a change waiting in
 * the outbox is kept as it is.
 */
class TaggedContactWriter implements ItemWriter<Long> {

	private final ChunkLedger.Books books;

	private final ContactRepository contacts;

	private final Outbox outbox;

	private final AudienceMembers members;

	private final ChunkConnections connections;

	private final TagMembers tagMembers;

	/** The audience's tags, as the run's preparation read them, by id. */
	private final Map<Long, String> tagNames;

	TaggedContactWriter(ChunkLedger.Books books, ContactRepository contacts, Outbox outbox, AudienceMembers members,
			ChunkConnections connections, TagMembers tagMembers, Map<Long, String> tagNames) {
		this.books = books;
		this.contacts = contacts;
		this.outbox = outbox;
		this.members = members;
		this.connections = connections;
		this.tagMembers = tagMembers;
		this.tagNames = tagNames;
	}

	@Override
	public void write(Chunk<? extends Long> chunk) {
		ChunkLedger ledger = this.books.open();
		List<Long> ids = List.copyOf(chunk.getItems());
		// read outside the chunk's transaction, which takes its connection only to write
		Kapta kapta = this.connections.read(() -> new Kapta(this.contacts.emailsOf(ids),
				this.tagMembers.tagIdsOf(this.books.run(), ids), this.contacts.tagsOf(ids),
				this.outbox.withPendingChanges(ids), this.members.statusesOf(this.books.audienceId(), ids)));
		for (long id : ids) {
			Set<Long> listed = kapta.listed().getOrDefault(id, Set.of());
			boolean member = kapta.statuses().containsKey(id);
			if (listed.isEmpty() && (!member || Objects.equals(kapta.statuses().get(id), "archived"))) {
				continue;
			}
			String email = kapta.emails().get(id);
			if (kapta.pending().contains(id)) {
				ledger.outcome(Outcome.of(email, DownloadOutcome.KEPT_CHANGE_PENDING,
						"a Kapta change to this contact is waiting to be sent"));
				continue;
			}
			TagDifference.give(ledger, id, email,
					listed.stream().map(this.tagNames::get).filter(Objects::nonNull).toList(),
					kapta.tags().getOrDefault(id, List.of()));
		}
		// the members were counted as their lists were read
		ledger.apply(0);
	}

	/** What Kapta knows of a chunk's contacts, and what the tags' lists hold. */
	private record Kapta(Map<Long, String> emails, Map<Long, Set<Long>> listed, Map<Long, List<String>> tags,
			Set<Long> pending, Map<Long, String> statuses) {
	}

}
