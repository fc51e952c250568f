package com.kapta.mailchimp.batch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.TaskDecorator;

/**
 * A run's own warnings and errors: what was logged at WARN or above on the run's threads
 * (the job's, its partitions', its calls to Mailchimp: Mailchimp's retries, a page cut on
 * a timeout, a partition's failure). The run's id goes with each of its threads in the
 * log context; the lines are gathered while it runs (its page shows them live) and kept
 * in its context when it ends, for any instance to read back. The logs never hold a
 * secret, so neither do these.
 */
public class RunNotes extends AppenderBase<ILoggingEvent> implements JobExecutionListener, DisposableBean {

	/** The log context key naming the run a thread works for. */
	public static final String RUN = "kapta.run";

	/**
	 * How many of a run's lines are kept: the first ones, then how many more there were.
	 */
	static final int KEPT = 50;

	private static final String NOTES = "kapta.notes";

	/** A line of a run's log: when, {@code WARN} or {@code ERROR}, what. */
	public record Note(Instant at, String level, String text) {
	}

	private record Gathered(Queue<Note> notes, AtomicInteger count) {
	}

	private final JobRepository jobRepository;

	private final Map<Long, Gathered> running = new ConcurrentHashMap<>();

	RunNotes(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
		setName("kapta-run-notes");
		start();
	}

	/**
	 * Carries the run's log context to a thread that works for it (a partition's).
	 */
	public static TaskDecorator carryingTheRun() {
		return (task) -> {
			Map<String, String> context = MDC.getCopyOfContextMap();
			return () -> {
				if (context != null) {
					MDC.setContextMap(context);
				}
				try {
					task.run();
				}
				finally {
					MDC.clear();
				}
			};
		};
	}

	/** The run's lines: gathered so far while it runs here, else those it kept. */
	@SuppressWarnings("unchecked")
	public List<Note> of(JobExecution execution) {
		Gathered gathered = this.running.get(execution.getId());
		if (gathered != null) {
			return withMore(new ArrayList<>(gathered.notes()), gathered.count().get());
		}
		Object kept = execution.getExecutionContext().get(NOTES);
		if (!(kept instanceof List<?> lines)) {
			return List.of();
		}
		return ((List<Map<String, String>>) lines).stream()
			.map((line) -> new Note(Instant.parse(line.get("at")), line.get("level"), line.get("text")))
			.toList();
	}

	@Override
	public void beforeJob(JobExecution execution) {
		// Spring Boot's logging set-up, run by every application started in this JVM,
		// takes appenders off: attached again where missing
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		if (!root.isAttached(this)) {
			root.addAppender(this);
		}
		this.running.put(execution.getId(), new Gathered(new ConcurrentLinkedQueue<>(), new AtomicInteger()));
		MDC.put(RUN, String.valueOf(execution.getId()));
	}

	@Override
	public void afterJob(JobExecution execution) {
		MDC.remove(RUN);
		Gathered gathered = this.running.remove(execution.getId());
		if (gathered == null || gathered.count().get() == 0) {
			return;
		}
		List<Map<String, String>> kept = new ArrayList<>();
		for (Note note : withMore(new ArrayList<>(gathered.notes()), gathered.count().get())) {
			Map<String, String> line = new LinkedHashMap<>();
			line.put("at", note.at().toString());
			line.put("level", note.level());
			line.put("text", note.text());
			kept.add(line);
		}
		execution.getExecutionContext().put(NOTES, kept);
		if (execution.getStatus() == BatchStatus.FAILED) {
			// the runner, told after these notes, keeps a failed run's context with its
			// reason; no call to a database that may be what failed the run
			return;
		}
		try {
			this.jobRepository.updateExecutionContext(execution);
		}
		catch (RuntimeException ex) {
			// the database may be what failed the run: its lines stay in the log file
			addWarn("Could not keep run " + execution.getId() + "'s warnings: " + ex.getMessage());
		}
	}

	@Override
	protected void append(ILoggingEvent event) {
		if (!event.getLevel().isGreaterOrEqual(Level.WARN)) {
			return;
		}
		String run = event.getMDCPropertyMap().get(RUN);
		Gathered gathered = (run != null) ? this.running.get(Long.valueOf(run)) : null;
		if (gathered == null) {
			return;
		}
		if (gathered.count().incrementAndGet() <= KEPT) {
			gathered.notes().add(new Note(event.getInstant(), event.getLevel().toString(), text(event)));
		}
	}

	private static String text(ILoggingEvent event) {
		String text = event.getFormattedMessage();
		if (event.getThrowableProxy() != null && event.getThrowableProxy().getMessage() != null) {
			text += ": " + event.getThrowableProxy().getMessage().lines().findFirst().orElse("");
		}
		return (text.length() > 500) ? text.substring(0, 500) + "…" : text;
	}

	private static List<Note> withMore(List<Note> notes, int count) {
		if (count > notes.size() && !notes.isEmpty()) {
			notes.add(new Note(notes.get(notes.size() - 1).at(), "WARN",
					(count - notes.size()) + " more lines, in the log file"));
		}
		return notes;
	}

	@Override
	public void destroy() {
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(this);
		stop();
	}

}
