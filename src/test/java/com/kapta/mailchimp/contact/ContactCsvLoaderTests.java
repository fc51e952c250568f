package com.kapta.mailchimp.contact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.KaptaSpringTest;
import com.kapta.mailchimp.contact.ContactCsvLoader.LoadResult;
import com.kapta.mailchimp.contact.ContactCsvLoader.RejectedLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@KaptaSpringTest
class ContactCsvLoaderTests {

	@Autowired
	ContactCsvLoader loader;

	@Autowired
	ContactService contacts;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	Path dir;

	@BeforeEach
	void noContacts() {
		this.jdbc.update("DELETE FROM contact");
	}

	@Test
	void loadsQuotedFieldsTagsAndABom() throws IOException {
		Path csv = write(
				"\uFEFFemail,first_name,last_name,tags\r\n" + "ann@example.com,Ann,\"Lee, Jr.\",Admin User;Champion\r\n"
						+ "\"bob@example.com\",\"Bob \"\"the builder\"\"\",\"Multi\nLine\",\r\n"
						+ "Chloé@Example.fr,Chloé,Dupré,Champion\r\n");

		LoadResult result = this.loader.load(csv);

		assertThat(result.rejected()).isEmpty();
		assertThat(result.loaded()).isEqualTo(3);
		assertThat(this.contacts.find("ANN@example.com")).hasValueSatisfying((ann) -> {
			assertThat(ann.lastName()).isEqualTo("Lee, Jr.");
			assertThat(ann.tags()).containsExactly("Admin User", "Champion");
		});
		assertThat(this.contacts.find("bob@example.com")).hasValueSatisfying((bob) -> {
			assertThat(bob.firstName()).isEqualTo("Bob \"the builder\"");
			assertThat(bob.lastName()).isEqualTo("Multi\nLine");
			assertThat(bob.tags()).isEmpty();
		});
		assertThat(this.contacts.find("chloé@example.fr"))
			.hasValueSatisfying((c) -> assertThat(c.lastName()).isEqualTo("Dupré"));
	}

	@Test
	void badLinesAreReportedWithTheirLineNumberAndTheGoodOnesLoad() throws IOException {
		this.contacts.add("old@example.com", null, null, List.of());
		Path csv = write("""
				email,first_name,last_name,tags
				good1@example.com,A,B,X
				not-an-email,A,B,
				good2@example.com,A,B
				GOOD1@example.com,Again,B,
				old@example.com,,,
				"quoted
				name@example.com",A,B,

				good3@example.com,,,A;;B
				good4@example.com,,,
				toolong@example.com,""" + "x".repeat(256) + """
				,,
				""");

		LoadResult result = this.loader.load(csv);

		assertThat(result.loaded()).isEqualTo(2);
		assertThat(result.rejected()).extracting(RejectedLine::line).containsExactly(3L, 4L, 5L, 6L, 7L, 10L, 12L);
		assertThat(result.rejected().get(0).reason()).contains("not-an-email", "no @");
		assertThat(result.rejected().get(1).reason()).contains("expected 4 fields, found 3");
		assertThat(result.rejected().get(2).reason()).contains("first on line 2");
		assertThat(result.rejected().get(3).reason()).contains("already a Kapta contact");
		assertThat(result.rejected().get(4).reason()).contains("not a valid email");
		assertThat(result.rejected().get(5).reason()).contains("tag name is empty");
		assertThat(result.rejected().get(6).reason())
			.isEqualTo("The first name has 256 characters, more than the 255 Kapta keeps");
		assertThat(this.contacts.find("good1@example.com")).isPresent();
		assertThat(this.contacts.find("good4@example.com")).isPresent();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM contact", Integer.class)).isEqualTo(3);
	}

	@Test
	void loadsManyLinesInBatches() throws IOException {
		List<String> lines = new ArrayList<>(List.of("email,first_name,last_name,tags"));
		for (int i = 0; i < 5_000; i++) {
			lines.add("person" + i + "@example.com,First" + i + ",Last" + i + ","
					+ (i % 2 == 0 ? "Even" : "Odd;Champion"));
		}
		Path csv = this.dir.resolve("many.csv");
		Files.write(csv, lines);

		LoadResult result = this.loader.load(csv);

		assertThat(result.loaded()).isEqualTo(5_000);
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM contact_tag WHERE tag_name = 'champion'", Integer.class))
			.isEqualTo(2_500);
		assertThat(this.contacts.find("person4999@example.com"))
			.hasValueSatisfying((c) -> assertThat(c.tags()).containsExactly("Champion", "Odd"));
	}

	@Test
	void aFileThatIsNotTheExpectedCsvIsRefusedWhole() throws IOException {
		assertThatThrownBy(() -> this.loader.load(write("mail,name\nx@example.com,X\n")))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("Unknown column 'mail'");
		assertThatThrownBy(() -> this.loader.load(write("first_name,tags\nX,Y\n")))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("no email column");
		Path latin1 = this.dir.resolve("latin1.csv");
		Files.write(latin1, "email,first_name\nx@example.com,Chlo\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
		assertThatThrownBy(() -> this.loader.load(latin1)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("UTF-8");
		assertThatThrownBy(() -> this.loader.load(this.dir.resolve("missing.csv")))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("No such file");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM contact", Integer.class)).isZero();
	}

	@Test
	void aBrokenQuoteOrANonUtf8ByteFarIntoTheFileRefusesItWholeNamingTheLine() throws IOException {
		StringBuilder good = new StringBuilder("email,first_name,last_name,tags\n");
		for (int i = 0; i < 3_000; i++) {
			good.append("p").append(i).append("@example.com,First").append(i).append(",Last,Champion\n");
		}
		Path brokenQuote = write(good + "q@example.com,\"Never closed,Last,\n" + "r@example.com,R,,\n");
		Path notUtf8 = this.dir.resolve("latin1-late.csv");
		Files.write(notUtf8, (good + "x@example.com,Chlo\u00e9,,\n").getBytes(StandardCharsets.ISO_8859_1));

		assertThatThrownBy(() -> this.loader.load(brokenQuote)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("not valid CSV")
			.hasMessageContaining("nothing was loaded")
			.hasMessageContaining("line 3002")
			.hasMessageNotContaining("Exception");
		assertThatThrownBy(() -> this.loader.load(notUtf8)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("not UTF-8")
			.hasMessageContaining("line 3002")
			.hasMessageNotContaining("Exception");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM contact", Integer.class)).as("not half loaded")
			.isZero();
	}

	private Path write(String content) throws IOException {
		Path csv = Files.createTempFile(this.dir, "contacts", ".csv");
		Files.writeString(csv, content, StandardCharsets.UTF_8);
		return csv;
	}

}
