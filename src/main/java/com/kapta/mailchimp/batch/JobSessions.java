package com.kapta.mailchimp.batch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.MailchimpClients;
import com.kapta.mailchimp.settings.SettingsService;

/**
 * What one job execution shares across its steps and partitions: one Mailchimp client (so all partitions
 * together stay within Mailchimp's connection limit) and one progress line. Spring Batch's job scope does
 * not reach partition threads, hence this registry; everything is closed when the job ends.
 */
public class JobSessions implements JobExecutionListener {

	/** The shared parts of one execution. */
	private record Session(MailchimpClient client, Progress progress) {
	}

	private final MailchimpClients clients;

	private final SettingsService settings;

	private final Duration progressEvery;

	private final Map<Long, Session> sessions = new ConcurrentHashMap<>();

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

	private Session session(JobExecution execution) {
		return this.sessions.computeIfAbsent(execution.getId(),
				(id) -> new Session(this.clients.connect(this.settings.current()),
						new Progress(execution.getJobInstance().getJobName(), System.out, this.progressEvery)));
	}

	@Override
	public void afterJob(JobExecution execution) {
		Session session = this.sessions.remove(execution.getId());
		if (session != null) {
			session.progress().close();
			session.client().close();
		}
	}

}
