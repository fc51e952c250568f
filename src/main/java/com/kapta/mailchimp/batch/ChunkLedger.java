package com.kapta.mailchimp.batch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.audience.AudienceMembers;
import com.kapta.mailchimp.audience.AudienceMembers.Membership;
import com.kapta.mailchimp.audience.DoNotSubscribe;
import com.kapta.mailchimp.batch.RunOutcomes.Outcome;
import com.kapta.mailchimp.contact.ContactHistory;
import com.kapta.mailchimp.contact.ContactRepository;
import com.kapta.mailchimp.contact.ContactRepository.TagRow;

/**
 * What one chunk changes, collected while its Mailchimp calls are made and applied at its
 * end, in the chunk's transaction: memberships, the do-not-subscribe memory, Kapta's
 * tags, whatever else the job adds ({@link #then}), and always the run's outcomes and
 * progress. A dry run's ledger applies only the outcomes and the progress: it reports
 * what the run would change.
 */
public final class ChunkLedger {

	private final Books books;

	private final List<Membership> memberships = new ArrayList<>();

	private final List<DoNotSubscribe.Entry> remembered = new ArrayList<>();

	private final List<TagRow> tagsAdded = new ArrayList<>();

	private final List<TagRow> tagsRemoved = new ArrayList<>();

	private final List<Runnable> writes = new ArrayList<>();

	private final List<ContactHistory.Change> history = new ArrayList<>();

	/** Contacts given tags they may already have (an upload's), with those tags. */
	private final List<TagsGiven> tagsGiven = new ArrayList<>();

	private record TagsGiven(Collection<Long> contactIds, Collection<String> tags) {
	}

	private final List<Outcome> outcomes = new ArrayList<>();

	/** Totals by outcome, then by item (ignoring case: tags), in the order first met. */
	private final Map<Enum<?>, Map<String, Integer>> tallies = new LinkedHashMap<>();

	private ChunkLedger(Books books) {
		this.books = books;
	}

	/** The contact's membership as Mailchimp answered it. */
	public void member(Membership membership) {
		this.memberships.add(membership);
	}

	/** An address Mailchimp will not subscribe, for the do-not-subscribe memory. */
	public void remember(DoNotSubscribe.Entry entry) {
		this.remembered.add(entry);
	}

	/** A change of a contact's tags in Kapta. */
	public void tag(long contactId, String tag, boolean add) {
		(add ? this.tagsAdded : this.tagsRemoved).add(new TagRow(contactId, tag));
		this.history.add(ContactHistory.Change.tag(contactId, tag, add, null));
	}

	/**
	 * Gives every one of these contacts these tags; those a contact has already (in any
	 * spelling) stay, and only the others go into its history.
	 */
	public void tagAll(Collection<Long> contactIds, Collection<String> tags) {
		this.tagsGiven.add(new TagsGiven(contactIds, tags));
	}

	/** What makes this chunk's changes, for a contact's history. */
	public ContactHistory.Source source() {
		return this.books.source();
	}

	/** A write of the job's own, made with the chunk's other changes. */
	public void then(Runnable write) {
		this.writes.add(write);
	}

	public void outcome(Outcome outcome) {
		this.outcomes.add(outcome);
	}

	/**
	 * One more of {@code outcome} for {@code item} (e.g. a tag added): one total each.
	 */
	public void tally(Enum<?> outcome, String item) {
		this.tallies.computeIfAbsent(outcome, (o) -> new TreeMap<>(String.CASE_INSENSITIVE_ORDER))
			.merge(item, 1, Integer::sum);
	}

	/** How many of this chunk's outcomes so far are any of {@code outcomes}. */
	public long count(Collection<? extends Enum<?>> outcomes) {
		return this.outcomes.stream().filter((outcome) -> outcome.isAny(outcomes)).count();
	}

	/** Applies the chunk's changes and records its outcomes; {@code items} read. */
	public void apply(int items) {
		if (!this.books.dryRun()) {
			if (!this.tagsAdded.isEmpty() || !this.tagsRemoved.isEmpty()) {
				this.books.contacts().changeTags(this.tagsAdded, this.tagsRemoved);
			}
			this.tagsGiven.forEach((given) -> giveTags(given.contactIds(), given.tags()));
			if (!this.memberships.isEmpty()) {
				statusChanges();
				this.books.members().record(this.books.audienceId(), this.memberships);
			}
			this.books.history().record(this.books.source(), this.history);
			if (!this.remembered.isEmpty()) {
				this.books.doNotSubscribe().remember(this.books.audienceId(), this.remembered);
			}
			this.writes.forEach(Runnable::run);
		}
		this.tallies.forEach(
				(outcome, byItem) -> byItem.forEach((item, n) -> this.outcomes.add(Outcome.count(item, outcome, n))));
		this.books.outcomes().record(this.books.run(), this.outcomes);
		this.books.progress().advance(items);
	}

	private void giveTags(Collection<Long> contactIds, Collection<String> tags) {
		Map<Long, List<String>> had = this.books.contacts().tagsOf(contactIds);
		for (long id : contactIds) {
			Set<String> has = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
			has.addAll(had.getOrDefault(id, List.of()));
			tags.stream()
				.filter((tag) -> !has.contains(tag))
				.forEach((tag) -> this.history.add(ContactHistory.Change.tag(id, tag, true, null)));
		}
		this.books.contacts().tagAll(contactIds, tags);
	}

	/**
	 * The history of the memberships whose status this chunk changes (read before they
	 * are written: a status Mailchimp did not say changes nothing).
	 */
	private void statusChanges() {
		Map<Long, String> before = this.books.members()
			.statusesOf(this.books.audienceId(), this.memberships.stream().map(Membership::contactId).toList());
		for (Membership membership : this.memberships) {
			String was = before.get(membership.contactId());
			if (membership.status() != null && !membership.status().equals(was)) {
				this.history.add(new ContactHistory.Change(membership.contactId(), ContactHistory.Kind.STATUS,
						membership.status(), was, null));
			}
		}
	}

	/**
	 * Where one run's chunks go: a writer opens a ledger for each chunk.
	 *
	 * @param run the job instance
	 * @param dryRun whether only outcomes and progress are applied
	 */
	public record Books(AudienceMembers members, DoNotSubscribe doNotSubscribe, ContactRepository contacts,
			ContactHistory history, RunOutcomes outcomes, Progress progress, String audienceId, long run,
			ContactHistory.Source source, boolean dryRun) {

		public ChunkLedger open() {
			return new ChunkLedger(this);
		}

	}

	/** Makes the books of a run. */
	@Component
	public static class Keeper {

		private final AudienceMembers members;

		private final DoNotSubscribe doNotSubscribe;

		private final ContactRepository contacts;

		private final RunOutcomes outcomes;

		private final JobSessions sessions;

		private final ContactHistory history;

		Keeper(AudienceMembers members, DoNotSubscribe doNotSubscribe, ContactRepository contacts, RunOutcomes outcomes,
				JobSessions sessions, ContactHistory history) {
			this.history = history;
			this.members = members;
			this.doNotSubscribe = doNotSubscribe;
			this.contacts = contacts;
			this.outcomes = outcomes;
			this.sessions = sessions;
		}

		public Books books(JobExecution job, String audienceId, boolean dryRun) {
			return new Books(this.members, this.doNotSubscribe, this.contacts, this.history, this.outcomes,
					this.sessions.progress(job), audienceId, job.getJobInstance().getInstanceId(),
					ContactHistory.Source.run(job.getJobInstance().getJobName(), job.getId()), dryRun);
		}

	}

}
