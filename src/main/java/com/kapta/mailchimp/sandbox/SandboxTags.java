package com.kapta.mailchimp.sandbox;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An audience's tags: static segments whose names are unique ignoring case, in creation
 * order. Guarded by the audience's lock.
 */
final class SandboxTags {

	/** A tag (static segment). */
	record Segment(long id, String name, Instant createdAt) {
	}

	private final Map<Long, Segment> byId = new TreeMap<>();

	private final AtomicLong ids;

	SandboxTags(AtomicLong ids) {
		this.ids = ids;
	}

	/** The tag's id, creating the tag when it does not exist. */
	long idOf(String name) {
		return find(name).map(Segment::id).orElseGet(() -> {
			var segment = new Segment(this.ids.incrementAndGet(), name.strip(), Instant.now());
			this.byId.put(segment.id(), segment);
			return segment.id();
		});
	}

	Optional<Segment> find(String name) {
		return this.byId.values()
			.stream()
			.filter((segment) -> segment.name().equalsIgnoreCase(name.strip()))
			.findFirst();
	}

	Optional<Segment> get(long id) {
		return Optional.ofNullable(this.byId.get(id));
	}

	String name(long id) {
		return this.byId.get(id).name();
	}

	Collection<Segment> all() {
		return this.byId.values();
	}

}
