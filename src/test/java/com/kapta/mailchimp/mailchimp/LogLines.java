package com.kapta.mailchimp.mailchimp;

import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * What the Mailchimp client logs while a test runs, read from the logger itself: the
 * console may be silent, as Kapta's configuration leaves it once any test in the JVM has
 * started the application ({@code logging.threshold.console=OFF}).
 */
final class LogLines implements AutoCloseable {

	private final Logger logger = (Logger) LoggerFactory.getLogger("com.kapta.mailchimp.mailchimp");

	private final Level level = this.logger.getLevel();

	private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

	LogLines() {
		this.logger.setLevel(Level.INFO);
		this.lines.start();
		this.logger.addAppender(this.lines);
	}

	/** Every line so far, with the message of any exception logged. */
	String text() {
		return this.lines.list.stream()
			.map((event) -> event.getFormattedMessage()
					+ ((event.getThrowableProxy() != null) ? " " + event.getThrowableProxy().getMessage() : ""))
			.collect(Collectors.joining("\n"));
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.lines);
		this.logger.setLevel(this.level);
	}

}
