package com.kapta.mailchimp.webhook;

import java.net.URI;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The public URL Mailchimp's webhook is registered at must be a plain http(s) address: a
 * query, a fragment or credentials in it would end up in Mailchimp's settings.
 */
@Tag("fast")
class PublicAddressTests {

	@Test
	void aPublicUrlIsAnHttpOrHttpsAddressWithoutItsTrailingSlashes() {
		assertThat(new PublicAddress(URI.create("https://kapta.example.com//")).get())
			.contains(URI.create("https://kapta.example.com"));
		assertThat(new PublicAddress(URI.create("http://127.0.0.1:8080/kapta/")).get())
			.contains(URI.create("http://127.0.0.1:8080/kapta"));
		assertThat(new PublicAddress(null).get()).isEmpty();
	}

	@Test
	void anythingElseIsRefusedAtStartNamingTheProperty() {
		for (String url : new String[] { "ftp://kapta.example.com", "https://kapta.example.com/?token=x",
				"https://kapta.example.com/#top", "https://user:secret@kapta.example.com", "kapta.example.com",
				"https:///path" }) {
			assertThatThrownBy(() -> new PublicAddress(URI.create(url))).as(url)
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("kapta.web.public-url");
		}
	}

}
