package com.kapta.mailchimp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The helpers every feature shares, without Spring. */
@Tag("fast")
class SmallHelpersTests {

	@Test
	void addressesDifferingInCaseOrSurroundingSpacesHaveOneKey() {
		assertThat(EmailKey.of("  Ann.Lee@Example.COM\t")).isEqualTo("ann.lee@example.com");
		assertThat(EmailKey.of("ÉMILE@exemple.fr")).isEqualTo("émile@exemple.fr");
		assertThat(EmailKey.of("a@b.co")).isNotEqualTo(EmailKey.of("a@b.com"));
	}

	@Test
	void theKeyDoesNotDependOnTheMachinesLanguage() {
		Locale before = Locale.getDefault();
		try {
			// in Turkish, lower-casing I gives a dotless ı
			Locale.setDefault(Locale.forLanguageTag("tr-TR"));
			assertThat(EmailKey.of("INFO@example.com")).isEqualTo("info@example.com");
		}
		finally {
			Locale.setDefault(before);
		}
	}

	@Test
	void blankValuesAreMissingAndOthersAreStripped() {
		assertThat(Texts.blankToNull(null)).isNull();
		assertThat(Texts.blankToNull(" \t\u2003")).isNull();
		assertThat(Texts.blankToNull("  Ann ")).isEqualTo("Ann");
	}

	@Test
	void aTextLongerThanItsColumnIsCutWithAnEllipsis() {
		assertThat(Texts.truncate("abcdef", 6)).isEqualTo("abcdef");
		assertThat(Texts.truncate("abcdefg", 6)).isEqualTo("abcde…").hasSize(6);
		assertThat(Texts.truncate(null, 6)).isNull();
	}

	@Test
	void causesAreFoundAtAnyDepth() {
		var disk = new IOException("disk full");
		var failure = new IllegalStateException("step failed", new UncheckedIOException("cannot write", disk));

		assertThat(Causes.find(failure, IOException.class)).containsSame(disk);
		assertThat(Causes.find(failure, KaptaException.class)).isEmpty();
		assertThat(Causes.root(failure)).isSameAs(disk);
		assertThat(Causes.root(disk)).isSameAs(disk);
		assertThat(Causes.chain(failure)).hasSize(3);
	}

}
