package com.kapta.mailchimp.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.bench.ApiLoad.Kind;
import com.kapta.mailchimp.contact.Outbox;
import com.kapta.mailchimp.sandbox.SandboxMemberView;

/**
 * What the web bench checks after its load, each printed in a line and true when met: the
 * outbox drained, each edit sent to Mailchimp once, Kapta's tags equal to Mailchimp's and
 * the upload's end state as an unloaded run leaves it.
 */
@Component
class WebBenchChecks {

	private final Outbox outbox;

	private final JdbcTemplate jdbc;

	WebBenchChecks(Outbox outbox, JdbcTemplate jdbc) {
		this.outbox = outbox;
		this.jdbc = jdbc;
	}

	boolean outboxDrained(PrintWriter out) throws InterruptedException {
		long start = System.nanoTime();
		long deadline = start + Duration.ofMinutes(3).toNanos();
		long pending;
		while ((pending = this.outbox.counts().pending()) > 0 && System.nanoTime() < deadline) {
			Thread.sleep(500);
		}
		out.printf(Locale.ROOT, "Outbox drained: %s%n",
				(pending == 0) ? "yes, " + (System.nanoTime() - start) / 1_000_000 + " ms after the load"
						: "NO, " + pending + " wait");
		return pending == 0;
	}

	/** Each edit answered 200 reached Mailchimp once: one segment addition, no more. */
	boolean eachEditOnce(WebStage stage, ApiLoad load, ApiLoad.Figures figures, PrintWriter out) {
		Map<String, Long> tagIds = new HashMap<>();
		WebBenchmark.EDIT_TAGS.forEach((tag) -> tagIds.put(tag, stage.sandbox().audience().createTagIfMissing(tag)));
		int contacts = stage.contacts();
		long once = 0;
		long missing = 0;
		long twice = 0;
		for (long n = 0; n < load.editsGiven(); n++) {
			ApiLoad.Edit edit = WebBenchmark.edit(n, contacts);
			long sent = stage.additions().count(tagIds.get(edit.tag()), edit.email());
			if (sent == 1) {
				once++;
			}
			else if (sent == 0) {
				missing++;
			}
			else {
				twice++;
			}
		}
		long refused = load.editsGiven() - figures.count(Kind.EDIT) + figures.failedEdits.sum();
		boolean met = twice == 0 && missing <= refused;
		out.printf("Edits on Mailchimp: %d once, %d more than once, %d never (%d edits not answered 200): %s%n", once,
				twice, missing, refused, met ? "each once" : "NOT each once");
		return met;
	}

	/**
	 * Kapta's tags equal the sandbox's for every contact; the upload's contacts as an
	 * unloaded run leaves them.
	 */
	boolean tagsEqual(WebStage stage, WebBenchmark.Options options, PrintWriter out) {
		Map<String, Set<String>> kapta = new HashMap<>();
		this.jdbc.query("SELECT c.email, t.tag_name FROM contact c LEFT JOIN contact_tag t ON t.contact_id = c.id",
				(row) -> {
					Set<String> tags = kapta.computeIfAbsent(row.getString(1).toLowerCase(Locale.ROOT),
							(email) -> new TreeSet<>());
					if (row.getString(2) != null) {
						tags.add(row.getString(2).toLowerCase(Locale.ROOT));
					}
				});
		Map<String, SandboxMemberView> members = new HashMap<>();
		stage.sandbox().audience().members().forEach((m) -> members.put(m.email().toLowerCase(Locale.ROOT), m));
		List<String> differ = new ArrayList<>();
		long uploaded = 0;
		long uploadedAsUnloaded = 0;
		for (Map.Entry<String, Set<String>> contact : kapta.entrySet()) {
			SandboxMemberView member = members.get(contact.getKey());
			Set<String> onMailchimp = new TreeSet<>();
			if (member != null) {
				member.tags().forEach((tag) -> onMailchimp.add(tag.toLowerCase(Locale.ROOT)));
			}
			if (member == null || !onMailchimp.equals(contact.getValue())) {
				differ.add(contact.getKey());
			}
			if (contact.getKey().startsWith(WebBenchmark.NEW)) {
				uploaded++;
				if (member != null && member.status().equals("subscribed")
						&& onMailchimp.equals(Set.of(WebBenchmark.LAUNCH_TAG.toLowerCase(Locale.ROOT)))) {
					uploadedAsUnloaded++;
				}
			}
		}
		out.printf("Kapta's tags equal Mailchimp's: %s (%d contacts, %d members)%n",
				differ.isEmpty() ? "yes" : "NO for " + differ.size() + ", e.g. " + differ.get(0), kapta.size(),
				members.size());
		boolean uploadMet = uploaded == options.upload() && uploadedAsUnloaded == uploaded;
		if (options.upload() > 0) {
			out.printf(
					"Upload's end state as an unloaded run's (each new contact subscribed, with the launch tag"
							+ " alone): %s (%d of %d)%n",
					uploadMet ? "yes" : "NO", uploadedAsUnloaded, options.upload());
		}
		return differ.isEmpty() && uploadMet;
	}

}
