package com.kapta.mailchimp.web;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What becomes of the file name a browser sends, without a server. */
@Tag("fast")
class UploadsTests {

	@Test
	void onlyTheLastPartOfANameIsKeptAndNothingThatCouldLeadOut() {
		assertThat(Uploads.safeName("contacts.xlsx")).isEqualTo("contacts.xlsx");
		assertThat(Uploads.safeName("../../etc/passwd")).isEqualTo("passwd");
		assertThat(Uploads.safeName("C:\\Users\\ann\\Contacts (2).xlsx")).isEqualTo("Contacts (2).xlsx");
		assertThat(Uploads.safeName("/abs/olute.xlsx")).isEqualTo("olute.xlsx");
		assertThat(Uploads.safeName("..hidden.xlsx")).isEqualTo("hidden.xlsx");
		assertThat(Uploads.safeName("<script>x</script>.xlsx")).doesNotContain("<", ">", "/");
		assertThat(Uploads.safeName("Kontakte Ä ü 2026.xlsx")).isEqualTo("Kontakte Ä ü 2026.xlsx");
	}

	@Test
	void anEmptyOrLongNameStillMakesAUsableOne() {
		assertThat(Uploads.safeName(null)).isEqualTo("upload.xlsx");
		assertThat(Uploads.safeName("../")).isEqualTo("upload.xlsx");
		assertThat(Uploads.safeName("a".repeat(300) + ".xlsx")).hasSize(120).endsWith(".xlsx");
	}

}
