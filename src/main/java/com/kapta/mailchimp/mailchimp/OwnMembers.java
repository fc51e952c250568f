package com.kapta.mailchimp.mailchimp;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Tells, for a writer's chunks whose batch subscribes may have reached Mailchimp before,
 * which members that answered "already a member" the run created itself: the first chunk
 * after a restart (the execution that died may have sent it) and any chunk with a lost
 * answer. Other chunks cost nothing. One per writer (it remembers whether its first chunk
 * is still to come); the {@link RunSignups} it asks is the run's, shared.
 */
public final class OwnMembers {

	private final RunSignups signups;

	/**
	 * Whether the next chunk may have been sent already by an execution that died before
	 * committing it.
	 */
	private boolean mayBeResent;

	/**
	 * @param restarted whether the writer's step ran before: its first chunk may have
	 * reached Mailchimp then
	 */
	public OwnMembers(RunSignups signups, boolean restarted) {
		this.signups = signups;
		this.mayBeResent = restarted;
	}

	/**
	 * Those existing items of a chunk's answer that the run created after all, with their
	 * status.
	 * @param results the answers of the chunk's batch subscribes, just received
	 */
	public <T> Map<T, String> among(SubscribeAnswer<T> answer, Function<? super T, String> email,
			List<BatchSubscribeResult> results) {
		Instant answered = Instant.now();
		boolean ambiguous = this.mayBeResent || results.stream().anyMatch(BatchSubscribeResult::answerLostBefore);
		this.mayBeResent = false;
		if (!ambiguous || answer.existing().isEmpty()) {
			return Map.of();
		}
		Map<String, String> ours = this.signups.createdAmong(answer.existing().stream().map(email).toList(), answered);
		Map<T, String> own = new HashMap<>();
		answer.existing().forEach((item) -> {
			String status = ours.get(email.apply(item));
			if (status != null) {
				own.put(item, status);
			}
		});
		return own;
	}

}
