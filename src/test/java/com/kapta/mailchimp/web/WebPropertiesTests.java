package com.kapta.mailchimp.web;

import java.net.InetAddress;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the service serves the console and the API, and what an upload may send. */
@Tag("fast")
class WebPropertiesTests {

	@Test
	void aPortOutsideTheRangeIsRefusedAtStartNamingTheProperty() {
		for (int port : new int[] { -1, 65536 }) {
			assertThatThrownBy(() -> properties(port, DataSize.ofMegabytes(100))).as("port " + port)
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("kapta.web.port");
		}
		assertThat(properties(0, DataSize.ofMegabytes(100)).port()).as("a free one").isZero();
	}

	@Test
	void theUploadLimitReadsAsAUserWritesIt() {
		assertThat(properties(8080, DataSize.ofMegabytes(100)).maxUploadText()).isEqualTo("100 MB");
		assertThat(properties(8080, DataSize.ofKilobytes(64)).maxUploadText()).isEqualTo("64 KB");
		assertThat(properties(8080, DataSize.ofBytes(10)).maxUploadText()).isEqualTo("1 KB");
	}

	private static WebProperties properties(int port, DataSize maxUpload) {
		return new WebProperties(InetAddress.getLoopbackAddress(), port, maxUpload, DataSize.ofMegabytes(1),
				Duration.ofHours(12));
	}

}
