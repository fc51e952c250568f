package com.kapta.mailchimp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import com.kapta.mailchimp.contact.ContactCsvLoader;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scene of a job test: Kapta's contacts emptied, a fresh sandbox, the settings
 * pointing at it; and ways to load contacts and read back their tags and member status.
 */
public final class SandboxedKapta implements AutoCloseable {

	private final JdbcTemplate jdbc;

	private final SettingsService settings;

	private final ContactCsvLoader loader;

	private MailchimpSandbox sandbox;

	public SandboxedKapta(JdbcTemplate jdbc, SettingsService settings, ContactCsvLoader loader) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.loader = loader;
	}

	/** Empties Kapta's contacts and memories and points the settings at a new sandbox. */
	public MailchimpSandbox restart(SandboxOptions options) {
		close();
		this.jdbc.update("DELETE FROM contact");
		// no foreign key takes a contact's history with it (Kapta deletes no contact)
		this.jdbc.update("DELETE FROM contact_history");
		this.jdbc.update("DELETE FROM do_not_subscribe");
		this.jdbc.update("DELETE FROM audience_tag");
		this.sandbox = MailchimpSandbox.start(options);
		this.settings.save(new SettingsChange(true, this.sandbox.baseUrl(), this.sandbox.apiKey(), "Kapta Contacts"));
		return this.sandbox;
	}

	public MailchimpSandbox sandbox() {
		return this.sandbox;
	}

	/**
	 * Loads contacts from CSV lines ({@code email,first_name,last_name,tags}); every line
	 * must load. They are the scene: Kapta and Mailchimp are taken to be in step, so
	 * nothing waits in the outbox.
	 */
	public void load(String... lines) {
		loadAsNewEdits(lines);
		this.jdbc.update("DELETE FROM outbox");
	}

	/**
	 * Loads contacts like {@link #load}, as edits made now: with the integration on, they
	 * wait to be pushed.
	 */
	public void loadAsNewEdits(String... lines) {
		try {
			Path csv = Files.createTempFile("contacts", ".csv");
			Files.writeString(csv, "email,first_name,last_name,tags\n" + String.join("\n", lines) + "\n");
			assertThat(this.loader.load(csv).rejected()).isEmpty();
			Files.delete(csv);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The contact's tags in Kapta, sorted. */
	public List<String> tags(String email) {
		return this.jdbc.queryForList("""
				SELECT t.tag_name FROM contact_tag t JOIN contact c ON c.id = t.contact_id
				WHERE c.email = ? ORDER BY t.tag_name""", String.class, email);
	}

	/** The contact's member status as Kapta knows it. */
	public String status(String email) {
		return this.jdbc.queryForObject("""
				SELECT m.status FROM audience_member m JOIN contact c ON c.id = m.contact_id WHERE c.email = ?""",
				String.class, email);
	}

	/** Every contact with its member status and tags, one line each, by email. */
	public String kaptaState() {
		return kaptaState(this.jdbc);
	}

	/**
	 * Every contact of the database behind {@code jdbc} with its member status, tags and
	 * do-not-subscribe reason.
	 */
	public static String kaptaState(JdbcTemplate jdbc) {
		var state = new StringBuilder();
		// tags joined here, not in SQL: the two databases aggregate text differently
		Map<Long, String> tags = new HashMap<>();
		jdbc.query("SELECT contact_id, tag_name FROM contact_tag ORDER BY contact_id, tag_name",
				(RowCallbackHandler) (rs) -> tags.merge(rs.getLong(1), rs.getString(2), (a, b) -> a + "," + b));
		jdbc.query("""
				SELECT c.id, c.email, m.status, d.reason
				FROM contact c LEFT JOIN audience_member m ON m.contact_id = c.id
				LEFT JOIN do_not_subscribe d ON d.email = c.email ORDER BY c.email""", (rs) -> {
			state.append(rs.getString(2))
				.append(' ')
				.append(rs.getString(3))
				.append(' ')
				.append(tags.get(rs.getLong(1)))
				.append(' ')
				.append(rs.getString(4))
				.append('\n');
		});
		return state.toString();
	}

	/**
	 * What the contacts' histories say: whether each contact's history, replayed from
	 * nothing, gives exactly its tags now ({@code history mismatches: none}), and how
	 * many changes of each kind and value it holds (a change recorded twice, or lost,
	 * shows).
	 */
	public static String historyState(JdbcTemplate jdbc) {
		Map<Long, Set<String>> replayed = new HashMap<>();
		jdbc.query("SELECT contact_id, kind, new_value FROM contact_history ORDER BY id", (RowCallbackHandler) (rs) -> {
			Set<String> tags = replayed.computeIfAbsent(rs.getLong(1),
					(id) -> new TreeSet<>(String.CASE_INSENSITIVE_ORDER));
			if (rs.getString(2).equals("TAG_ADDED")) {
				tags.add(rs.getString(3));
			}
			else if (rs.getString(2).equals("TAG_REMOVED")) {
				tags.remove(rs.getString(3));
			}
		});
		Map<Long, Set<String>> current = new HashMap<>();
		jdbc.query("SELECT id FROM contact",
				(RowCallbackHandler) (rs) -> current.put(rs.getLong(1), new TreeSet<>(String.CASE_INSENSITIVE_ORDER)));
		jdbc.query("SELECT contact_id, tag_name FROM contact_tag",
				(RowCallbackHandler) (rs) -> current.get(rs.getLong(1)).add(rs.getString(2)));
		List<String> mismatches = new ArrayList<>();
		current.forEach((id, tags) -> {
			Set<String> history = replayed.getOrDefault(id, Set.of());
			if (!(tags.containsAll(history) && history.containsAll(tags))) {
				mismatches.add("contact " + id + ": tags " + tags + ", history gives " + history);
			}
		});
		Collections.sort(mismatches);
		String counts = String.join("\n", jdbc.queryForList("""
				SELECT kind || ' ' || COALESCE(old_value, '-') || ' ' || COALESCE(new_value, '-') || ' ' || COUNT(*)
				FROM contact_history GROUP BY kind, old_value, new_value ORDER BY 1""", String.class));
		return "history mismatches: " + (mismatches.isEmpty() ? "none" : mismatches) + "\n" + counts + "\n";
	}

	/**
	 * The sandbox's state: every member with status, merge fields and tags (sorted), one
	 * line each, by email.
	 */
	public static String mailchimpState(MailchimpSandbox sandbox) {
		return sandbox.audience()
			.members()
			.stream()
			.map((m) -> m.email() + " " + m.status() + " " + m.firstName() + " " + m.lastName() + " "
					+ m.tags().stream().sorted().toList())
			.sorted()
			.collect(Collectors.joining("\n"));
	}

	@Override
	public void close() {
		if (this.sandbox != null) {
			this.sandbox.close();
		}
	}

}
