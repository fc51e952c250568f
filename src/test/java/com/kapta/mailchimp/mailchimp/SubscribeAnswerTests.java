package com.kapta.mailchimp.mailchimp;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.mailchimp.BatchSubscribeResult.Error;

import static org.assertj.core.api.Assertions.assertThat;

/** How the three jobs that subscribe read Mailchimp's answers, without a server. */
@Tag("fast")
class SubscribeAnswerTests {

	@Test
	void sortsEveryItemOnceByAddressIgnoringCaseAcrossSeveralAnswers() {
		List<String> sent = List.of("Ann@Example.com", "bob@example.com", "cy@example.com", "dee@example.com",
				"eve@example.com");
		var first = answer(List.of(member("ann@example.com", "pending")), List.of(new Error("BOB@example.com",
				"bob@example.com is already a list member", BatchSubscribeResult.CONTACT_EXISTS)));
		var second = answer(List.of(member("ann@example.com", "subscribed")),
				List.of(new Error("cy@example.com", "cy@example.com has been permanently deleted", "ERROR_GENERIC"),
						new Error("stranger@example.com", "not ours", "ERROR_GENERIC")));

		SubscribeAnswer<String> answer = SubscribeAnswer.of(sent, Function.identity(), List.of(first, second));

		assertThat(answer.created()).containsExactly(new SubscribeAnswer.Created<>("Ann@Example.com", "pending"));
		assertThat(answer.existing()).containsExactly("bob@example.com");
		assertThat(answer.refused()).containsExactly(
				new SubscribeAnswer.Refused<>("cy@example.com", "cy@example.com has been permanently deleted"));
		assertThat(answer.unmentioned()).containsExactly("dee@example.com", "eve@example.com");
	}

	private static BatchSubscribeResult answer(List<Member> created, List<Error> errors) {
		return new BatchSubscribeResult(created, List.of(), errors, created.size(), 0, errors.size(), false);
	}

	private static Member member(String email, String status) {
		return new Member(null, email, status, null, List.of(), 0, null, null);
	}

}
