package com.kapta.mailchimp.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.KaptaSpringTest;
import com.kapta.mailchimp.contact.ContactHistory;
import com.kapta.mailchimp.contact.ContactRepository;
import com.kapta.mailchimp.contact.NewContact;
import com.kapta.mailchimp.importing.ImportStage.Asked;
import com.kapta.mailchimp.importing.ImportStage.Staged;
import com.kapta.mailchimp.mailchimp.TagCall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The import's staged sheet in Kapta's real database: how its tag changes become calls
 * (packed across the whole sheet, resumable), and how a finished run is forgotten without
 * touching another run's stage.
 */
@KaptaSpringTest
class ImportStageTests {

	private static final long RUN = 900_001;

	private static final long OTHER_RUN = 900_002;

	@Autowired
	ImportStage stage;

	@Autowired
	ContactRepository contacts;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void empty() {
		this.jdbc.update("DELETE FROM import_change");
		this.jdbc.update("DELETE FROM import_row");
	}

	/**
	 * 700 additions and 500 removals of Champion, 10 additions of VIP; row 4 (person0003)
	 * was refused by Mailchimp when it was subscribed.
	 */
	private void stageTwelveHundred() {
		List<String> emails = IntStream.range(0, 1200)
			.mapToObj((i) -> String.format("person%04d@example.com", i))
			.toList();
		List<NewContact> missing = emails.stream()
			.filter((email) -> this.contacts.idsByEmail(List.of(email)).isEmpty())
			.map((email) -> new NewContact(email, null, null, List.of()))
			.toList();
		if (!missing.isEmpty()) {
			this.contacts.insertAll(missing, ContactHistory.Source.person(), "made by the test");
		}
		List<Staged> rows = new ArrayList<>();
		List<Asked> changes = new ArrayList<>();
		for (int i = 0; i < emails.size(); i++) {
			rows.add(new Staged(emails.get(i), i + 2, null, null, false));
			changes.add(new Asked(emails.get(i), "Champion", i < 700));
			if (i < 10) {
				changes.add(new Asked(emails.get(i), "VIP", true));
			}
		}
		this.stage.stage(RUN, rows, changes);
		this.stage.reject(RUN, List.of("PERSON0003@example.com"));
	}

	@Test
	void eachCallCarriesUpToFiveHundredOfEachSideOfOneTagAndLeavesRefusedRowsOut() {
		stageTwelveHundred();
		ImportTagCallReader reader = new ImportTagCallReader(this.stage, RUN);
		reader.open(new ExecutionContext());

		List<TagCall<StagedChange>> calls = new ArrayList<>();
		for (TagCall<StagedChange> call = reader.read(); call != null; call = reader.read()) {
			calls.add(call);
		}

		assertThat(calls).extracting(TagCall::tag, (call) -> call.add().size(), (call) -> call.remove().size())
			.containsExactly(tuple("Champion", 500, 500), tuple("Champion", 199, 0), tuple("VIP", 9, 0));
		assertThat(calls.stream()
			.flatMap((call) -> call.add().stream())
			.map((change) -> change.tag() + " " + change.email())).hasSize(708)
			.doesNotContain("Champion person0003@example.com", "VIP person0003@example.com")
			.doesNotHaveDuplicates();
		StagedChange first = calls.get(0).add().get(0);
		assertThat(first.sheetRow()).isEqualTo(2);
		assertThat(first.contactId())
			.isEqualTo(this.contacts.idsByEmail(List.of(first.email())).values().iterator().next());
		assertThat(calls.get(0).remove()).allSatisfy((change) -> assertThat(change.add()).isFalse());
	}

	@Test
	void aReaderOpenedOnTheLastCommittedPositionGoesOnFromThere() {
		stageTwelveHundred();
		ImportTagCallReader before = new ImportTagCallReader(this.stage, RUN);
		before.open(new ExecutionContext());
		before.read();
		ExecutionContext committed = new ExecutionContext();
		before.update(committed);
		// read, but not committed: a restart sends it again
		TagCall<StagedChange> lost = before.read();

		ImportTagCallReader after = new ImportTagCallReader(this.stage, RUN);
		after.open(committed);

		TagCall<StagedChange> again = after.read();
		assertThat(again.tag()).isEqualTo(lost.tag());
		assertThat(again.add()).isEqualTo(lost.add());
		assertThat(after.read().tag()).isEqualTo("VIP");
		assertThat(after.read()).isNull();
	}

	@Test
	void forgettingARunLeavesAnotherRunsStageForItsRestart() {
		this.stage.stage(OTHER_RUN, List.of(new Staged("kept@example.com", 2, null, null, true)),
				List.of(new Asked("kept@example.com", "VIP", true)));
		stageTwelveHundred();

		this.stage.forget(RUN);

		assertThat(this.jdbc.queryForList("SELECT DISTINCT job_instance_id FROM import_row", Long.class))
			.containsExactly(OTHER_RUN);
		assertThat(this.jdbc.queryForList("SELECT email FROM import_change", String.class))
			.containsExactly("kept@example.com");
		assertThat(this.stage.firstRows(OTHER_RUN, List.of("KEPT@example.com"))).containsEntry("kept@example.com", 2);

		this.stage.forget(OTHER_RUN);

		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM import_row", Integer.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM import_change", Integer.class)).isZero();
	}

}
