package com.kapta.mailchimp.settings;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.kapta.mailchimp.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("fast")
class ApiKeyTests {

	private static final String KEY = "0123456789abcdef0123456789abcdef-us6";

	@Test
	void showsOnlyTheDataCenter() {
		ApiKey key = ApiKey.parse(" " + KEY + " ");

		assertThat(key.dataCenter()).isEqualTo("us6");
		assertThat(key.masked()).isEqualTo("****-us6");
		assertThat(key.toString()).isEqualTo("****-us6");
		assertThat(String.valueOf(key)).doesNotContain("0123456789abcdef");
		assertThat(key.secret()).isEqualTo(KEY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "us6", "0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcde-us6",
			"0123456789abcdef0123456789abcdef-", "0123456789abcdefg123456789abcdef-us6",
			"0123456789abcdef0123456789abcdef-us6 extra" })
	void refusesWhatIsNotAKeyWithoutRepeatingIt(String text) {
		assertThatThrownBy(() -> ApiKey.parse(text)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("<32 hex characters>-<data center>")
			.satisfies((ex) -> {
				if (!text.isEmpty()) {
					assertThat(ex.getMessage()).doesNotContain(text);
				}
			});
	}

}
