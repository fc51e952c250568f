package com.kapta.mailchimp.mailchimp;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a tag's changes are packed into calls, without a server. */
@Tag("fast")
class TagCallTests {

	@Test
	void aTagsChangesGoInAsManyCallsAsTheLargerSideNeeds() {
		List<Integer> add = IntStream.range(0, 1200).boxed().toList();
		List<Integer> remove = IntStream.range(0, 501).boxed().toList();

		List<TagCall<Integer>> calls = TagCall.pack("Champion", add, remove);

		assertThat(calls).extracting((call) -> call.add().size()).containsExactly(500, 500, 200);
		assertThat(calls).extracting((call) -> call.remove().size()).containsExactly(500, 1, 0);
		assertThat(calls).extracting(TagCall::tag).containsOnly("Champion");
		assertThat(TagCall.pack("Champion", List.of(), List.of())).isEmpty();
	}

}
