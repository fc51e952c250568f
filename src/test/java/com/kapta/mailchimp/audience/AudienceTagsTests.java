package com.kapta.mailchimp.audience;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.kapta.mailchimp.KaptaSpringTest;
import com.kapta.mailchimp.mailchimp.Segment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kapta's copy of the audience's tags: a refresh replaces it with what Mailchimp has,
 * also while other runs (a push beside an upload, on another instance) refresh it at
 * once.
 */
@KaptaSpringTest
class AudienceTagsTests {

	@Autowired
	AudienceTags tags;

	@Test
	void aRefreshKeepsWhatMailchimpHasInItsSpellingAndDropsWhatItNoLongerHas() {
		this.tags.replace("a1", List.of(segment(1, "VIP"), segment(2, "Old")));
		this.tags.replace("a2", List.of(segment(9, "Other audience")));

		this.tags.replace("a1", List.of(segment(1, "vip"), segment(3, "New")));

		assertThat(this.tags.all("a1")).containsOnlyKeys("vip", "New")
			.containsEntry("VIP", 1L)
			.containsEntry("new", 3L);
		assertThat(this.tags.all("a2")).containsOnlyKeys("Other audience");
		this.tags.add("a1", segment(4, "Created"));
		assertThat(this.tags.idsOf("a1", List.of("created", "Missing", "New")))
			.containsExactly(Map.entry("created", 4L), Map.entry("New", 3L));
	}

	@Test
	void runsRefreshingAtOnceNeverFailOnEachOther() {
		List<Segment> now = new ArrayList<>();
		for (long id = 1; id <= 40; id++) {
			now.add(segment(id, "Tag " + id));
		}
		ExecutorService threads = Executors.newFixedThreadPool(8);
		List<CompletableFuture<Void>> refreshes = new ArrayList<>();
		for (int i = 0; i < 32; i++) {
			refreshes.add(CompletableFuture.runAsync(() -> this.tags.replace("busy", now), threads));
		}
		refreshes.forEach(CompletableFuture::join);
		threads.shutdown();

		assertThat(this.tags.all("busy")).hasSize(40).containsEntry("tag 40", 40L);
	}

	private static Segment segment(long id, String name) {
		return new Segment(id, name, "static", 0);
	}

}
