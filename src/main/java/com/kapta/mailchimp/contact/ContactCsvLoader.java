package com.kapta.mailchimp.contact;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.kapta.mailchimp.EmailKey;
import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.Texts;
import com.kapta.mailchimp.audit.AuditEvent;
import com.kapta.mailchimp.audit.AuditTrail;

/**
 * Bulk loading of contacts from a CSV file ({@code email,first_name,last_name,tags}, tags
 * separated by {@code ;}, RFC 4180 quoting, UTF-8 with or without BOM). A bad line is
 * reported with its line number and reason and the good lines are loaded, in batches that
 * each commit on their own.
 */
@Component
public class ContactCsvLoader {

	/** A line that was not loaded. */
	public record RejectedLine(long line, String email, String reason) {
	}

	/** What a load did. */
	public record LoadResult(int loaded, List<RejectedLine> rejected) {
	}

	static final List<String> COLUMNS = List.of("email", "first_name", "last_name", "tags");

	static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

	private static final int BATCH_SIZE = 1000;

	private final ContactRepository contacts;

	private final TransactionTemplate transaction;

	private final ChangeQueue changes;

	private final AuditTrail audit;

	ContactCsvLoader(ContactRepository contacts, TransactionTemplate transaction, ChangeQueue changes,
			AuditTrail audit) {
		this.changes = changes;
		this.audit = audit;
		this.contacts = contacts;
		this.transaction = transaction;
	}

	public LoadResult load(Path file) {
		try {
			CsvFileCheck.check(file, FORMAT);
		}
		catch (NoSuchFileException ex) {
			throw new InvalidInputException("No such file: " + file);
		}
		catch (IOException ex) {
			throw new KaptaException("Cannot read " + file + ": " + ex.getMessage(), ex);
		}
		try (Reader reader = open(file); CSVParser parser = FORMAT.parse(reader)) {
			Map<String, Integer> columns = columns(parser.getHeaderNames());
			var batch = new Batch(ContactHistory.Source.person(), "loaded from " + file.getFileName());
			long lastLine = 1;
			for (CSVRecord record : parser) {
				long line = lastLine + 1;
				lastLine = parser.getCurrentLineNumber();
				if (isBlank(record)) {
					continue;
				}
				batch.offer(line, record, columns);
				if (batch.size() >= BATCH_SIZE) {
					batch.flush();
				}
			}
			batch.flush();
			batch.rejected.sort(Comparator.comparingLong(RejectedLine::line));
			this.audit.record(AuditEvent.CONTACTS_LOADED, String.valueOf(file.getFileName()),
					batch.loaded + " contacts loaded, " + batch.rejected.size() + " lines rejected");
			return new LoadResult(batch.loaded, batch.rejected);
		}
		catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException ex) {
			// the whole file was read a moment ago: it changed or went away while it was
			// being loaded
			throw new KaptaException("Cannot read " + file + ": it changed while it was being loaded; the batches "
					+ "loaded before stay loaded", ex);
		}
	}

	private static Reader open(Path file) throws IOException {
		var decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		var reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder));
		reader.mark(1);
		if (reader.read() != '\uFEFF') {
			reader.reset();
		}
		return reader;
	}

	private static Map<String, Integer> columns(List<String> header) {
		Map<String, Integer> columns = new HashMap<>();
		for (int i = 0; i < header.size(); i++) {
			String name = header.get(i).strip().toLowerCase(Locale.ROOT);
			if (!COLUMNS.contains(name)) {
				throw new InvalidInputException(
						"Unknown column '" + header.get(i) + "' in the header; expected " + String.join(",", COLUMNS));
			}
			columns.put(name, i);
		}
		if (!columns.containsKey("email")) {
			throw new InvalidInputException("The header has no email column; expected " + String.join(",", COLUMNS));
		}
		return columns;
	}

	private static boolean isBlank(CSVRecord record) {
		return record.stream().allMatch(String::isBlank);
	}

	/** Valid lines waiting to be inserted, and what the load has done so far. */
	private final class Batch {

		private final ContactHistory.Source source;

		private final String reason;

		private final Map<String, Long> firstLineByEmail = new HashMap<>();

		private final List<NewContact> pending = new ArrayList<>();

		private final List<Long> pendingLines = new ArrayList<>();

		private final List<RejectedLine> rejected = new ArrayList<>();

		private int loaded;

		Batch(ContactHistory.Source source, String reason) {
			this.source = source;
			this.reason = reason;
		}

		void offer(long line, CSVRecord record, Map<String, Integer> columns) {
			String rawEmail = value(record, columns, "email");
			if (record.size() != columns.size()) {
				this.rejected.add(new RejectedLine(line, rawEmail,
						"expected " + columns.size() + " fields, found " + record.size()));
				return;
			}
			try {
				String email = EmailAddresses.requireValid(rawEmail);
				List<String> tags = TagNames.parse(value(record, columns, "tags"), ';');
				NewContact.requireNamesFit(value(record, columns, "first_name"), value(record, columns, "last_name"));
				Long earlier = this.firstLineByEmail.putIfAbsent(EmailKey.of(email), line);
				if (earlier != null) {
					this.rejected
						.add(new RejectedLine(line, email, email + " appears again (first on line " + earlier + ")"));
					return;
				}
				this.pending.add(new NewContact(email, Texts.blankToNull(value(record, columns, "first_name")),
						Texts.blankToNull(value(record, columns, "last_name")), tags));
				this.pendingLines.add(line);
			}
			catch (InvalidInputException ex) {
				this.rejected.add(new RejectedLine(line, rawEmail, ex.getMessage()));
			}
		}

		int size() {
			return this.pending.size();
		}

		void flush() {
			if (this.pending.isEmpty()) {
				return;
			}
			ContactCsvLoader.this.transaction.executeWithoutResult((status) -> {
				Set<String> existing = ContactCsvLoader.this.contacts
					.idsByEmail(this.pending.stream().map(NewContact::email).toList())
					.keySet();
				List<NewContact> fresh = new ArrayList<>();
				for (int i = 0; i < this.pending.size(); i++) {
					NewContact contact = this.pending.get(i);
					if (existing.contains(EmailKey.of(contact.email()))) {
						this.rejected.add(new RejectedLine(this.pendingLines.get(i), contact.email(),
								contact.email() + " is already a Kapta contact; use 'contacts tag' to change it"));
					}
					else {
						fresh.add(contact);
					}
				}
				Map<String, Long> ids = ContactCsvLoader.this.contacts.insertAll(fresh, this.source, this.reason);
				Map<Long, List<String>> added = new LinkedHashMap<>();
				fresh.forEach((contact) -> added.put(ids.get(EmailKey.of(contact.email())), contact.tags()));
				ContactCsvLoader.this.changes.contactsAdded(added);
				this.loaded += fresh.size();
			});
			this.pending.clear();
			this.pendingLines.clear();
		}

		private static String value(CSVRecord record, Map<String, Integer> columns, String column) {
			Integer index = columns.get(column);
			return (index == null || index >= record.size()) ? null : record.get(index);
		}

	}

}
