package com.kapta.mailchimp.mailchimp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.kapta.mailchimp.EmailKey;

/**
 * What Mailchimp did with each item a job sent in batch subscribes
 * ({@code update_existing=false}): created it (with the new member's status), had it
 * already (left untouched), refused it (in Mailchimp's words), or did not mention it.
 * Answers are matched to items by address, ignoring case and surrounding spaces as
 * Mailchimp does; an item is sorted once, by the first answer that names it.
 *
 * @param <T> what the job sent for each address (a contact, a sheet row)
 */
public record SubscribeAnswer<T>(List<Created<T>> created, List<T> existing, List<Refused<T>> refused,
		List<T> unmentioned) {

	/** An item Mailchimp made a member of, with the status it gave. */
	public record Created<T>(T item, String status) {
	}

	/** An item Mailchimp would not subscribe, and why. */
	public record Refused<T>(T item, String error) {
	}

	/** Sorts the items sent by the answers of the calls that sent them. */
	public static <T> SubscribeAnswer<T> of(List<? extends T> sent, Function<? super T, String> email,
			List<BatchSubscribeResult> answers) {
		Map<String, T> waiting = new LinkedHashMap<>();
		sent.forEach((item) -> waiting.putIfAbsent(EmailKey.of(email.apply(item)), item));
		var answer = new SubscribeAnswer<T>(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
		for (BatchSubscribeResult result : answers) {
			for (Member member : result.newMembers()) {
				T item = waiting.remove(EmailKey.of(member.emailAddress()));
				if (item != null) {
					answer.created().add(new Created<>(item, member.status()));
				}
			}
			for (BatchSubscribeResult.Error error : result.errors()) {
				T item = waiting.remove(EmailKey.of(error.emailAddress()));
				if (item != null && error.contactExists()) {
					answer.existing().add(item);
				}
				else if (item != null) {
					answer.refused().add(new Refused<>(item, error.error()));
				}
			}
		}
		answer.unmentioned().addAll(waiting.values());
		return answer;
	}

}
