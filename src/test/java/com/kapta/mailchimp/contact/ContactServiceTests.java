package com.kapta.mailchimp.contact;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.KaptaSpringTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@KaptaSpringTest
class ContactServiceTests {

	@Autowired
	ContactService contacts;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void noContacts() {
		this.jdbc.update("DELETE FROM contact");
	}

	@Test
	void emailIdentityIgnoresCaseAndSurroundingSpaces() {
		Contact ann = this.contacts.add("  Ann.Lee@Example.COM ", "Ann", "Lee", List.of("Champion"));

		assertThat(ann.email()).isEqualTo("Ann.Lee@Example.COM");
		assertThat(this.contacts.find("ann.lee@example.com")).hasValueSatisfying((found) -> {
			assertThat(found.id()).isEqualTo(ann.id());
			assertThat(found.firstName()).isEqualTo("Ann");
			assertThat(found.tags()).containsExactly("Champion");
		});
		assertThatThrownBy(() -> this.contacts.add("ANN.LEE@example.com", null, null, List.of()))
			.isInstanceOf(KaptaException.class)
			.hasMessageContaining("#" + ann.id())
			.hasMessageContaining("Ann.Lee@Example.COM")
			.hasMessageContaining("contacts tag");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM contact", Integer.class)).isOne();
	}

	@Test
	void invalidEmailsAreRefusedWithTheReason() {
		assertThatThrownBy(() -> this.contacts.add("ann.example.com", null, null, List.of()))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("no @");
		assertThatThrownBy(() -> this.contacts.add("ann@localhost", null, null, List.of()))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("domain");
		assertThatThrownBy(() -> this.contacts.add("  ", null, null, List.of()))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("missing");
		assertThat(this.contacts.add("jürgen@bücher.de", "Jürgen", null, List.of()).email())
			.isEqualTo("jürgen@bücher.de");
	}

	@Test
	void aNameLongerThanKaptaKeepsIsRefusedWithItsLength() {
		assertThatThrownBy(() -> this.contacts.add("long@example.com", null, "x".repeat(256), List.of()))
			.isInstanceOf(InvalidInputException.class)
			.hasMessage("The last name has 256 characters, more than the 255 Kapta keeps");
		assertThat(this.contacts.add("fits@example.com", "x".repeat(255), null, List.of()).firstName()).hasSize(255);
	}

	@Test
	void tagEditsIgnoreCaseAndReportWhatChanged() {
		this.contacts.add("bob@example.com", null, null, List.of("Admin User", "Champion"));

		var change = this.contacts.tag("BOB@example.com", List.of("admin user", "VIP"), List.of("champion", "Unknown"));

		assertThat(change.added()).containsExactly("VIP");
		assertThat(change.removed()).containsExactly("champion");
		assertThat(change.contact().tags()).containsExactly("Admin User", "VIP");
	}

	@Test
	void aTagBothAddedAndRemovedIsRefused() {
		this.contacts.add("bob@example.com", null, null, List.of());

		assertThatThrownBy(() -> this.contacts.tag("bob@example.com", List.of("VIP"), List.of("vip")))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("both added and removed");
	}

	@Test
	void taggingAnUnknownContactFails() {
		assertThatThrownBy(() -> this.contacts.tag("nobody@example.com", List.of("VIP"), List.of()))
			.isInstanceOf(KaptaException.class)
			.hasMessageContaining("nobody@example.com");
	}

	@Test
	void tagNamesAreTrimmedDedupedAndBounded() {
		assertThat(TagNames.parse(" Admin User , Champion,admin user", ',')).containsExactly("Admin User", "Champion");
		assertThat(TagNames.parse(null, ',')).isEmpty();
		assertThatThrownBy(() -> TagNames.parse("A,,B", ',')).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("empty");
		assertThatThrownBy(() -> TagNames.parse("x".repeat(101), ',')).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("100 characters");
	}

}
