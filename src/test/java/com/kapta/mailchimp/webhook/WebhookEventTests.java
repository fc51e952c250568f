package com.kapta.mailchimp.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.mailchimp.WebhookSignature;
import com.kapta.mailchimp.webhook.EventApplier.MemberEvents;
import com.kapta.mailchimp.webhook.WebhookEvents.Waiting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading Mailchimp's events and signatures, and grouping a batch by member. */
@Tag("fast")
class WebhookEventTests {

	@Test
	void readsEachTypeAsMailchimpSendsIt() {
		WebhookEvent unsubscribe = parse("type=unsubscribe&fired_at=2026-12-07+10%3A00%3A00&data%5Baction%5D=unsub"
				+ "&data[email]=Ann%2Bx%40example.com&data[list_id]=a1b2");
		assertThat(unsubscribe)
			.isEqualTo(new WebhookEvent("unsubscribe", "2026-12-07 10:00:00", "a1b2", "Ann+x@example.com", null));
		assertThat(parse("type=upemail&data[old_email]=a@example.com&data[new_email]=b@example.com&data[list_id]=l"))
			.isEqualTo(new WebhookEvent("upemail", null, "l", "a@example.com", "b@example.com"));
		assertThat(parse("type=campaign&data[id]=c1&data[list_id]=l").aboutAMember()).isFalse();
		assertThat(parse("type=cleaned&data[email]=a@example.com&data[reason]=hard").aboutAMember()).isTrue();
	}

	@Test
	void refusesWhatIsNotAMailchimpEvent() {
		for (String body : List.of("", "type=", "{\"type\":\"subscribe\"}", "type=subscribe",
				"type=exploit&data[email]=a", "type=upemail&data[old_email]=a@example.com",
				"type=subscribe&data[email]=%zz", "=x&type=subscribe")) {
			assertThatThrownBy(() -> parse(body)).as(body).isInstanceOf(InvalidInputException.class);
		}
		byte[] notUtf8 = { 't', 'y', 'p', 'e', '=', (byte) 0xC3, (byte) 0x28 };
		assertThatThrownBy(() -> WebhookEvent.parse(notUtf8)).isInstanceOf(InvalidInputException.class);
	}

	@Test
	void aSignatureHoldsOnlyForItsBodyItsSecretAndFiveMinutes() {
		byte[] body = "type=subscribe&data[email]=a@example.com".getBytes(StandardCharsets.UTF_8);
		Instant now = Instant.parse("2026-12-07T10:00:00Z");
		Duration five = Duration.ofMinutes(5);
		String header = WebhookSignature.header("s3cret", now.getEpochSecond(), body);
		assertThat(WebhookSignature.valid(header, body, "s3cret", now, five)).isTrue();
		assertThat(WebhookSignature.valid(header.toUpperCase().replace("T=", "t=").replace("V1=", "v1="), body,
				"s3cret", now, five))
			.as("hex in capitals")
			.isTrue();
		assertThat(WebhookSignature.valid(header, body, "s3cret", now.plusSeconds(300), five)).isTrue();
		assertThat(WebhookSignature.valid(header, body, "s3cret", now.plusSeconds(301), five)).isFalse();
		assertThat(WebhookSignature.valid(header, body, "s3cret", now.minusSeconds(301), five)).as("from the future")
			.isFalse();
		assertThat(WebhookSignature.valid(header, body, "other", now, five)).isFalse();
		assertThat(
				WebhookSignature.valid(header, "type=subscribe".getBytes(StandardCharsets.UTF_8), "s3cret", now, five))
			.isFalse();
		for (String bad : new String[] { null, "", "t=x,v1=00", "v1=" + header.split("v1=")[1],
				"t=" + now.getEpochSecond(), "t=99999999999999999999," + header.split(",")[1] }) {
			assertThat(WebhookSignature.valid(bad, body, "s3cret", now, five)).as(String.valueOf(bad)).isFalse();
		}
	}

	@Test
	void aBatchIsGroupedByMemberInOrderOfArrivalAndAnAddressChangeStandsAlone() {
		List<MemberEvents> groups = WebhookWorker.groups(List.of(new Waiting(1, "unsubscribe", "a@example.com", null),
				new Waiting(2, "profile", "b@example.com", null), new Waiting(3, "subscribe", "A@example.com", null),
				new Waiting(4, "upemail", "a@example.com", "c@example.com"),
				new Waiting(5, "profile", "a@example.com", null)));
		assertThat(groups).containsExactly(
				new MemberEvents("a@example.com", null, List.of(1L, 3L, 5L),
						List.of("unsubscribe", "subscribe", "profile")),
				new MemberEvents("b@example.com", null, List.of(2L), List.of("profile")),
				new MemberEvents("c@example.com", "a@example.com", List.of(4L), List.of("upemail")));
	}

	private static WebhookEvent parse(String body) {
		return WebhookEvent.parse(body.getBytes(StandardCharsets.UTF_8));
	}

}
