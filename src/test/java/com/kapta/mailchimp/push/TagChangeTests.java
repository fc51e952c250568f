package com.kapta.mailchimp.push;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.contact.Outbox.Change;
import com.kapta.mailchimp.contact.Outbox.Pending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** How a contact's waiting changes coalesce into what the push sends, without Spring. */
@Tag("fast")
class TagChangeTests {

	private final List<Pending> changes = new ArrayList<>();

	@Test
	void theLastChangeOfATagWinsAndStandsForAllOfIt() {
		change(Change.TAG_ADDED, "VIP");
		change(Change.TAG_ADDED, "vip");
		change(Change.TAG_REMOVED, "Champion");

		TagChange.Coalesced coalesced = TagChange.coalesce(contact());

		assertThat(coalesced.changes()).extracting(TagChange::tag, TagChange::add, TagChange::changeIds)
			.containsExactly(tuple("Champion", false, List.of(3L)), tuple("vip", true, List.of(1L, 2L)));
		assertThat(coalesced.settled()).isEmpty();
		assertThat(coalesced.cancelled()).isZero();
	}

	@Test
	void aTagAddedThenRemovedOrTheOtherWayRoundSendsNothing() {
		change(Change.TAG_ADDED, "VIP");
		change(Change.TAG_REMOVED, "VIP");
		change(Change.TAG_REMOVED, "Champion");
		change(Change.TAG_ADDED, "CHAMPION");
		change(Change.TAG_ADDED, "Summer");

		TagChange.Coalesced coalesced = TagChange.coalesce(contact());

		assertThat(coalesced.changes()).extracting(TagChange::tag).containsExactly("Summer");
		assertThat(coalesced.settled()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
		assertThat(coalesced.cancelled()).isEqualTo(2);
	}

	@Test
	void aNewContactsArrivalIsNotATagChange() {
		change(Change.CONTACT_ADDED, null);

		TagChange.Coalesced coalesced = TagChange.coalesce(contact());

		assertThat(coalesced.changes()).isEmpty();
		assertThat(coalesced.settled()).isEmpty();
	}

	private void change(Change change, String tag) {
		this.changes.add(new Pending(this.changes.size() + 1, 7, change, tag));
	}

	private PendingContact contact() {
		return new PendingContact(7, "ann@example.com", null, null, this.changes);
	}

}
