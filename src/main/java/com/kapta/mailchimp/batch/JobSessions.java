package com.kapta.mailchimp.batch;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.MailchimpClients;
import com.kapta.mailchimp.settings.SettingsService;

/**
 * What one job execution shares across its steps and partitions: one Mailchimp client (so
 * all partitions together stay within Mailchimp's connection limit) and one progress
 * line. Spring Batch's job scope does not reach partition threads, hence this registry;
 * everything is closed when the job ends.
 */
public class JobSessions implements JobExecutionListener {

	/**
	 * The shared parts of one execution; {@code parts} holds what a job adds (see
	 * {@link #shared}).
	 */
	private record Session(MailchimpClient client, Progress progress, Map<Class<?>, Object> parts) {
	}

	private final MailchimpClients clients;

	private final SettingsService settings;

	private final Duration progressEvery;

	private final Map<Long, Session> sessions = new ConcurrentHashMap<>();

	/**
	 * The executions that ended here, the last thousand: a part of one still winding down
	 * (a partition that a failure left running) gets no session of its own, whose
	 * progress line would print after the run's last words.
	 */
	private final Set<Long> ended = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
			return size() > 1000;
		}
	}));

	JobSessions(MailchimpClients clients, SettingsService settings, Duration progressEvery) {
		this.clients = clients;
		this.settings = settings;
		this.progressEvery = progressEvery;
	}

	public MailchimpClient client(JobExecution execution) {
		return session(execution).client();
	}

	public Progress progress(JobExecution execution) {
		return session(execution).progress();
	}

	/** Where a run of this process stands, while it runs here. */
	public Optional<Progress.Snapshot> progressOf(long executionId) {
		return Optional.ofNullable(this.sessions.get(executionId)).map((session) -> session.progress().snapshot());
	}

	/**
	 * The one {@code type} of this execution that all its partitions share, made by
	 * {@code make} on first use.
	 */
	public <T> T shared(JobExecution execution, Class<T> type, Function<MailchimpClient, T> make) {
		Session session = session(execution);
		return type.cast(session.parts().computeIfAbsent(type, (key) -> make.apply(session.client())));
	}

	private Session session(JobExecution execution) {
		if (this.ended.contains(execution.getId())) {
			// the run is over: its late part calls no one and prints nothing
			MailchimpClient closed = this.clients.connect(this.settings.current());
			closed.close();
			return new Session(closed, Progress.silent(execution.getJobInstance().getJobName()),
					new ConcurrentHashMap<>());
		}
		return this.sessions.computeIfAbsent(execution.getId(),
				(id) -> new Session(this.clients.connect(this.settings.current()),
						new Progress(execution.getJobInstance().getJobName(), System.out, this.progressEvery),
						new ConcurrentHashMap<>()));
	}

	@Override
	public void afterJob(JobExecution execution) {
		this.ended.add(execution.getId());
		Session session = this.sessions.remove(execution.getId());
		if (session != null) {
			session.progress().close();
			session.client().close();
		}
	}

}
