package com.kapta.mailchimp;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.core.NestedExceptionUtils;

/**
 * Walks an exception's causes: what a failure says to a user is often deeper than the
 * exception Spring Batch or a library hands over.
 */
public final class Causes {

	private Causes() {
	}

	/** The exception, then its cause, and so on. */
	public static Stream<Throwable> chain(Throwable ex) {
		return Stream.iterate(ex, Objects::nonNull, Throwable::getCause);
	}

	/** The first in the chain that is a {@code type}. */
	public static <T extends Throwable> Optional<T> find(Throwable ex, Class<T> type) {
		return chain(ex).filter(type::isInstance).map(type::cast).findFirst();
	}

	/** The innermost cause, the exception itself when it has none. */
	public static Throwable root(Throwable ex) {
		return NestedExceptionUtils.getMostSpecificCause(ex);
	}

}
