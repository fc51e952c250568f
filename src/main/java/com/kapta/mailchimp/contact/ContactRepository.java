package com.kapta.mailchimp.contact;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import com.kapta.mailchimp.EmailKey;
import com.kapta.mailchimp.database.Dialect;

/**
 * Kapta's contacts and their tags. Emails and tags compare ignoring case in SQL (see
 * {@link Dialect}).
 */
@Repository
public class ContactRepository {

	// tags are folded into one column so that a listing is one streaming query
	private static final String SELECT = """
			SELECT c.id, c.email, c.first_name, c.last_name, m.status,
			       (SELECT %s FROM contact_tag t WHERE t.contact_id = c.id) AS tags
			FROM contact c LEFT JOIN audience_member m ON m.contact_id = c.id AND m.audience_id = :audienceId
			""";

	private static final int PAGE_SIZE = 1000;

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final Dialect dialect;

	private final String select;

	private final ContactHistory history;

	ContactRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Dialect dialect, ContactHistory history) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.dialect = dialect;
		this.history = history;
		this.select = SELECT.formatted(dialect.tabSeparated("t.tag_name"));
	}

	public Optional<Contact> findByEmail(String email, String audienceId) {
		return this.jdbc.sql(this.select + " WHERE c.email = :email")
			.param("audienceId", audienceId)
			.param("email", email)
			.query(ContactRepository::contact)
			.optional();
	}

	/**
	 * Up to {@code size} contacts whose email starts with {@code prefix} (ignoring case),
	 * after the email {@code after}, ordered by email: a page of a search, found through
	 * the email's index however many contacts there are.
	 */
	public List<Contact> page(String audienceId, String prefix, String after, int size) {
		// the range lets the email's index find the matches and stop after them; LIKE
		// alone
		// walked the contacts from the first (a second at a million)
		String from = (after.compareToIgnoreCase(prefix) > 0) ? after : prefix;
		return this.jdbc
			.sql(this.select + " WHERE c.email >= :from AND c.email <= :to AND c.email > :after"
					+ " AND c.email LIKE :prefix ESCAPE '\\' ORDER BY c.email LIMIT :size")
			.param("audienceId", audienceId)
			.param("from", from)
			.param("to", prefix + '\uffff')
			.param("after", after)
			.param("prefix", prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
			.param("size", size)
			.query(ContactRepository::contact)
			.list();
	}

	/**
	 * Every contact, ordered by email (ignoring case: the column's own order), a page at
	 * a time by key, so that the heap stays flat however many contacts there are (HSQLDB
	 * holds a whole result in memory).
	 */
	public void forEach(String audienceId, Consumer<Contact> action) {
		String after = "";
		List<Contact> page;
		do {
			page = this.jdbc.sql(this.select + " WHERE c.email > :after ORDER BY c.email LIMIT :size")
				.param("audienceId", audienceId)
				.param("after", after)
				.param("size", PAGE_SIZE)
				.query(ContactRepository::contact)
				.list();
			page.forEach(action);
			after = page.isEmpty() ? after : page.get(page.size() - 1).email();
		}
		while (page.size() == PAGE_SIZE);
	}

	/** Inserts a contact with its tags, and its history's first rows. */
	long insert(NewContact contact, ContactHistory.Source source, @Nullable String reason) {
		var keys = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO contact (email, first_name, last_name) VALUES (?, ?, ?)")
			.params(contact.email(), contact.firstName(), contact.lastName())
			.update(keys, "id");
		long id = keys.getKey().longValue();
		List<String> tags = addTags(id, contact.tags());
		this.history.record(source, created(id, tags, reason));
		return id;
	}

	private static List<ContactHistory.Change> created(long id, List<String> tags, @Nullable String reason) {
		List<ContactHistory.Change> changes = new ArrayList<>();
		changes.add(new ContactHistory.Change(id, ContactHistory.Kind.CREATED, null, null, reason));
		tags.forEach((tag) -> changes.add(ContactHistory.Change.tag(id, tag, true, reason)));
		return changes;
	}

	/**
	 * Inserts many contacts with their tags in a few batched statements, and their
	 * history's first rows ({@code reason}: "loaded from contacts.csv"; none for a run's,
	 * which its job explains); returns their ids, keyed by {@link EmailKey}.
	 */
	public Map<String, Long> insertAll(List<NewContact> contacts, ContactHistory.Source source,
			@Nullable String reason) {
		this.jdbcTemplate.batchUpdate("INSERT INTO contact (email, first_name, last_name) VALUES (?, ?, ?)", contacts,
				contacts.size(), (ps, contact) -> {
					ps.setString(1, contact.email());
					ps.setString(2, contact.firstName());
					ps.setString(3, contact.lastName());
				});
		Map<String, Long> ids = idsByEmail(contacts.stream().map(NewContact::email).toList());
		record Tag(long contactId, String name) {
		}
		List<Tag> tags = contacts.stream()
			.flatMap((contact) -> contact.tags()
				.stream()
				.map((tag) -> new Tag(ids.get(EmailKey.of(contact.email())), tag)))
			.toList();
		this.jdbcTemplate.batchUpdate("INSERT INTO contact_tag (contact_id, tag_name) VALUES (?, ?)", tags, tags.size(),
				(ps, tag) -> {
					ps.setLong(1, tag.contactId());
					ps.setString(2, tag.name());
				});
		this.history.record(source, contacts.stream()
			.flatMap((contact) -> created(ids.get(EmailKey.of(contact.email())), contact.tags(), reason).stream())
			.toList());
		return ids;
	}

	/**
	 * Locks the contacts with these addresses until the transaction ends, so that two
	 * instances applying changes of one member do so one after the other, the second
	 * seeing the first's. On the embedded database one service applies them.
	 */
	public void lock(Collection<String> emails) {
		if (this.dialect == Dialect.POSTGRESQL) {
			this.jdbc
				.sql("SELECT id FROM contact WHERE email = ANY (CAST(? AS " + this.dialect.emails()
						+ ")) ORDER BY id FOR UPDATE")
				.param(emails.toArray(String[]::new))
				.query(Long.class)
				.list();
		}
	}

	/**
	 * Gives the contact a new address, as its member changed it on Mailchimp; the caller
	 * made sure no other contact holds it.
	 */
	public void changeEmail(long contactId, String email) {
		this.jdbc.sql("UPDATE contact SET email = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?")
			.params(email, contactId)
			.update();
	}

	/** Gives the contact these names, as its member has them on Mailchimp. */
	public void rename(long contactId, @Nullable String firstName, @Nullable String lastName) {
		this.jdbc.sql("UPDATE contact SET first_name = ?, last_name = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?")
			.params(firstName, lastName, contactId)
			.update();
	}

	/** The ids of the contacts with these emails, keyed by {@link EmailKey}. */
	public Map<String, Long> idsByEmail(Collection<String> emails) {
		Map<String, Long> ids = new HashMap<>();
		// joined on the keys: HSQLDB took 2.5 times as long over IN (UNNEST(?))
		this.jdbc.sql("""
				SELECT c.id, c.email FROM UNNEST(CAST(? AS %s)) AS u (email)
				JOIN contact c ON c.email = u.email""".formatted(this.dialect.emails()))
			.param(emails.toArray(String[]::new))
			.query((rs) -> {
				ids.put(EmailKey.of(rs.getString("email")), rs.getLong("id"));
			});
		return ids;
	}

	/** Adds the tags the contact does not have yet; returns those added. */
	List<String> addTags(long contactId, Collection<String> tags) {
		return tags.stream()
			.filter((tag) -> this.jdbc.sql("""
					INSERT INTO contact_tag (contact_id, tag_name)
					SELECT ?, ? FROM (VALUES (0)) AS one (n) WHERE NOT EXISTS
					    (SELECT 1 FROM contact_tag WHERE contact_id = ? AND tag_name = ?)""")
				.params(contactId, tag, contactId, tag)
				.update() == 1)
			.toList();
	}

	/** The emails of these contacts, by contact id. */
	public Map<Long, String> emailsOf(Collection<Long> contactIds) {
		Map<Long, String> emails = new HashMap<>();
		this.jdbc.sql("""
				SELECT c.id, c.email FROM UNNEST(CAST(? AS BIGINT ARRAY)) AS u (id)
				JOIN contact c ON c.id = u.id""")
			.param(contactIds.stream().distinct().toArray(Long[]::new))
			.query((rs) -> {
				emails.put(rs.getLong("id"), rs.getString("email"));
			});
		return emails;
	}

	/** The tags of these contacts, by contact id (a contact without tags is absent). */
	public Map<Long, List<String>> tagsOf(Collection<Long> contactIds) {
		Map<Long, List<String>> tags = new HashMap<>();
		this.jdbc.sql("""
				SELECT t.contact_id, t.tag_name FROM UNNEST(CAST(? AS BIGINT ARRAY)) AS u (id)
				JOIN contact_tag t ON t.contact_id = u.id""")
			.param(contactIds.stream().distinct().toArray(Long[]::new))
			.query((rs) -> {
				tags.computeIfAbsent(rs.getLong("contact_id"), (id) -> new ArrayList<>()).add(rs.getString("tag_name"));
			});
		return tags;
	}

	/**
	 * Contacts' tags after contact {@code after}, read down the key in order of contact,
	 * at most {@code size} rows.
	 */
	public List<TagRow> tagRowsAfter(long after, int size) {
		return this.jdbc
			.sql("SELECT contact_id, tag_name FROM contact_tag WHERE contact_id > ? ORDER BY contact_id LIMIT ?")
			.params(after, size)
			.query((rs, n) -> new TagRow(rs.getLong(1), rs.getString(2)))
			.list();
	}

	/** A tag to give to or take from a contact. */
	public record TagRow(long contactId, String tag) {
	}

	/** Adds and removes tag rows in two batched statements. */
	public void changeTags(List<TagRow> add, List<TagRow> remove) {
		this.jdbcTemplate.batchUpdate("DELETE FROM contact_tag WHERE contact_id = ? AND tag_name = ?", remove, 1000,
				(ps, row) -> {
					ps.setLong(1, row.contactId());
					ps.setString(2, row.tag());
				});
		this.jdbcTemplate.batchUpdate("INSERT INTO contact_tag (contact_id, tag_name) VALUES (?, ?)", add, 1000,
				(ps, row) -> {
					ps.setLong(1, row.contactId());
					ps.setString(2, row.tag());
				});
	}

	/**
	 * Gives every one of these contacts these tags (a tag it has in any spelling stays)
	 * in one statement, so a job tagging the same contact meanwhile cannot make it fail.
	 * An insert guarded per row by {@code NOT EXISTS} cost HSQLDB a derived table per
	 * row, the largest share of an upload's time.
	 */
	public void tagAll(Collection<Long> contactIds, Collection<String> tags) {
		List<Long> ids = new ArrayList<>();
		List<String> names = new ArrayList<>();
		contactIds.forEach((id) -> tags.forEach((tag) -> {
			ids.add(id);
			names.add(tag);
		}));
		String sql = (this.dialect == Dialect.HSQLDB)
				? """
						MERGE INTO contact_tag t
						USING UNNEST(CAST(? AS BIGINT ARRAY), CAST(? AS VARCHAR_IGNORECASE(100) ARRAY)) AS v (contact_id, tag_name)
						ON t.contact_id = v.contact_id AND t.tag_name = v.tag_name
						WHEN NOT MATCHED THEN INSERT (contact_id, tag_name) VALUES (v.contact_id, v.tag_name)"""
				: """
								INSERT INTO contact_tag (contact_id, tag_name)
								SELECT v.contact_id, v.tag_name
						FROM UNNEST(CAST(? AS BIGINT ARRAY), CAST(? AS CITEXT ARRAY)) AS v (contact_id, tag_name)
								ON CONFLICT DO NOTHING""";
		this.jdbcTemplate.update(sql, ids.toArray(Long[]::new), names.toArray(String[]::new));
	}

	/** Removes the tags the contact has; returns those removed. */
	List<String> removeTags(long contactId, Collection<String> tags) {
		return tags.stream()
			.filter((tag) -> this.jdbc.sql("DELETE FROM contact_tag WHERE contact_id = ? AND tag_name = ?")
				.params(contactId, tag)
				.update() == 1)
			.toList();
	}

	void touch(long contactId) {
		this.jdbc.sql("UPDATE contact SET updated_at = CURRENT_TIMESTAMP WHERE id = ?").param(contactId).update();
	}

	private static Contact contact(ResultSet rs, int row) throws SQLException {
		String tags = rs.getString("tags");
		return new Contact(rs.getLong("id"), rs.getString("email"), rs.getString("first_name"),
				rs.getString("last_name"), tags == null ? List.of() : Arrays.asList(tags.split("\t")),
				rs.getString("status"));
	}

}
