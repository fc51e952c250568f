package com.kapta.mailchimp.contact;

import java.time.Instant;
import java.util.function.Function;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.contact.ContactHistory.Entry;
import com.kapta.mailchimp.contact.ContactHistory.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contact's history in the words its page, the API and the export use: what changed,
 * who or which run did it, and why (a run's rows store no reason: its job gives it).
 */
@Tag("fast")
class HistoryEntryTests {

	private static final Instant AT = Instant.parse("2026-12-03T02:00:00Z");

	private static final Function<String, String> LABELS = (job) -> switch (job) {
		case "downloadTags" -> "Download To Kapta";
		case "upload" -> "Upload To Mailchimp";
		default -> job;
	};

	@Test
	void aRunsChangeNamesTheRunAndItsJobsReason() {
		Entry removed = new Entry(1, AT, Kind.TAG_REMOVED, "Champion", null, "downloadTags", 812L, null, null);
		Entry added = new Entry(2, AT, Kind.STATUS, "subscribed", null, "upload", 40L, null, null);
		Entry imported = new Entry(3, AT, Kind.TAG_ADDED, "VIP", null, "import", 7L, null, null);

		assertThat(removed.text(LABELS))
			.isEqualTo("Download To Kapta (run 812): tag Champion removed — removed on Mailchimp");
		assertThat(added.text(LABELS))
			.isEqualTo("Upload To Mailchimp (run 40): Mailchimp status none → subscribed — added to the audience");
		assertThat(imported.text(LABELS)).isEqualTo("import (run 7): tag VIP added — in the imported file");
	}

	@Test
	void aPersonsChangeNamesThePersonAndTheirReason() {
		Entry edit = new Entry(4, AT, Kind.TAG_ADDED, "VIP", null, null, null, "ann (console)", "by hand");
		Entry email = new Entry(5, AT, Kind.EMAIL, "cy.lee@example.org", "cy@example.com", null, null,
				"mailchimp (webhook)", null);
		Entry nobody = new Entry(6, AT, Kind.CREATED, null, null, null, null, null, null);

		assertThat(edit.text(LABELS)).isEqualTo("ann (console): tag VIP added — by hand");
		assertThat(email.text(LABELS)).isEqualTo("mailchimp (webhook): email cy@example.com → cy.lee@example.org");
		assertThat(nobody.text(LABELS)).isEqualTo("unknown: contact created");
	}

}
