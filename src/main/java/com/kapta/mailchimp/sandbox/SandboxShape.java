package com.kapta.mailchimp.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An audience of a given shape, for benchmarks: {@code members} subscribed members
 * {@code member<i>@example.com}, each tag on a share of them (spread evenly,
 * independently of the other tags), set up an hour ago; then a share of the members
 * unsubscribed just now, so that they stand out as changed.
 *
 * @param members how many members
 * @param tags the tags
 * @param taggedShare the share of the members each tag is on, 0 to 1
 * @param changedShare the share of the members unsubscribed after the set-up, 0 to 1
 */
public record SandboxShape(int members, List<String> tags, double taggedShare, double changedShare) {

	/** The address of the i-th member. */
	public static String email(int i) {
		return "member" + i + "@example.com";
	}

	/** The tags of the i-th member. */
	public List<String> tagsOf(int i) {
		List<String> tags = new ArrayList<>();
		for (int t = 0; t < this.tags.size(); t++) {
			// a fixed, even spread: each tag on its share, the tags independent
			long spread = Math.floorMod((i + 1L) * 2_654_435_761L + t * 40_503L, 1_000_000L);
			if (spread < this.taggedShare * 1_000_000) {
				tags.add(this.tags.get(t));
			}
		}
		return tags;
	}

	/** Whether the i-th member was unsubscribed after the set-up. */
	public boolean changed(int i) {
		return this.changedShare > 0 && i % Math.max(1, Math.round(1 / this.changedShare)) == 0;
	}

	/** Sets the audience up in this shape. */
	void seed(SandboxAudience audience) {
		for (int i = 0; i < this.members; i++) {
			audience.putMember(email(i), "subscribed", tagsOf(i).toArray(String[]::new));
		}
		audience.age(Duration.ofHours(1));
		for (int i = 0; i < this.members; i++) {
			if (changed(i)) {
				audience.unsubscribe(email(i));
			}
		}
	}

}
