package com.kapta.mailchimp.web.console;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.Texts;
import com.kapta.mailchimp.audit.AuditEntry;
import com.kapta.mailchimp.audit.AuditEvent;
import com.kapta.mailchimp.audit.AuditFilter;
import com.kapta.mailchimp.audit.AuditTrail;
import com.kapta.mailchimp.web.ShownPaths;
import com.kapta.mailchimp.workbook.WorkbookWriter;
import com.kapta.mailchimp.workbook.WorkbookWriter.Column;

/**
 * The Activity page (admin only): who did what, newest first, filtered by who, what and
 * days (the server's), paged by key; the same selection as an xlsx workbook.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ActivityPage {

	static final int PAGE = 50;

	/** Rows read at a time for the workbook. */
	private static final int BATCH = 1000;

	private static final List<Column> COLUMNS = List.of(new Column("When (UTC)", 22), new Column("Who", 20),
			new Column("From", 10), new Column("Address", 16), new Column("What", 28), new Column("Concerning", 36),
			new Column("Run", 8), new Column("Detail", 60));

	private final AuditTrail audit;

	private final ShownPaths paths;

	ActivityPage(AuditTrail audit, ShownPaths paths) {
		this.audit = audit;
		this.paths = paths;
	}

	@GetMapping("/activity")
	String activity(@RequestParam(required = false) @Nullable String who,
			@RequestParam(required = false) @Nullable String what,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable Long before, Model model) {
		List<AuditEntry> entries;
		try {
			entries = shown(this.audit.find(AuditFilter.of(who, what, from, to, before), PAGE));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("problem", ex.getMessage());
			entries = List.of();
		}
		model.addAttribute("who", Texts.blankToNull(who));
		model.addAttribute("what", Texts.blankToNull(what));
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("entries", entries);
		model.addAttribute("events", Arrays.asList(AuditEvent.values()));
		model.addAttribute("older", (entries.size() == PAGE) ? entries.get(entries.size() - 1).id() : null);
		return "activity";
	}

	/** The actions the page's filters select, every one of them, as a workbook. */
	@GetMapping("/activity/workbook")
	ResponseEntity<StreamingResponseBody> workbook(@RequestParam(required = false) @Nullable String who,
			@RequestParam(required = false) @Nullable String what,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
		AuditFilter filter = AuditFilter.of(who, what, from, to, null);
		StreamingResponseBody body = (out) -> write(filter, out);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("kapta-activity.xlsx").build().toString())
			.body(body);
	}

	/**
	 * The entries as a browser may see them: a server path only by its part users know.
	 */
	private List<AuditEntry> shown(List<AuditEntry> entries) {
		return entries.stream()
			.map((e) -> new AuditEntry(e.id(), e.at(), e.actor(), e.channel(), e.address(), e.event(),
					this.paths.text(e.subject()), e.runId(), this.paths.text(e.detail())))
			.toList();
	}

	private void write(AuditFilter filter, OutputStream out) throws IOException {
		try (WorkbookWriter workbook = new WorkbookWriter()) {
			WorkbookWriter.Sheet sheet = workbook.sheet("Activity", COLUMNS);
			AuditFilter page = filter;
			List<AuditEntry> entries;
			do {
				entries = shown(this.audit.find(page, BATCH));
				for (AuditEntry entry : entries) {
					sheet.add(entry.at().toString(), entry.actor(), entry.channel().word(), nonNull(entry.address()),
							entry.event().words(), nonNull(entry.subject()),
							(entry.runId() != null) ? entry.runId().toString() : "", nonNull(entry.detail()));
				}
				if (!entries.isEmpty()) {
					page = filter.before(entries.get(entries.size() - 1).id());
				}
			}
			// a full sheet ends the reading: Excel shows no more rows
			while (entries.size() == BATCH && sheet.leftOut() == 0);
			sheet.filter();
			workbook.write(out);
		}
	}

	private static String nonNull(@Nullable String text) {
		return (text != null) ? text : "";
	}

}
