package com.kapta.mailchimp.batch;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.kapta.mailchimp.audit.AuditTrail;
import com.kapta.mailchimp.database.JobLocks;
import com.kapta.mailchimp.mailchimp.MailchimpClients;
import com.kapta.mailchimp.settings.SettingsService;

/**
 * What every job shares: the runner, registered as a listener on every job so it knows
 * what runs here.
 */
@Configuration(proxyBeanMethods = false)
class BatchConfiguration {

	@Bean
	JobRunner jobRunner(JobOperator jobOperator, JobRepository jobRepository, JobRunProperties properties,
			JobLocks locks, AuditTrail audit) {
		return new JobRunner(jobOperator, jobRepository, properties.stopTimeout(), locks, audit);
	}

	@Bean
	JobSessions jobSessions(MailchimpClients clients, SettingsService settings, JobRunProperties properties) {
		return new JobSessions(clients, settings, properties.progressEvery());
	}

	@Bean
	RunNotes runNotes(JobRepository jobRepository) {
		return new RunNotes(jobRepository);
	}

	/**
	 * Every job gets the runner, the sessions and the notes as listeners, so that no job
	 * can forget them. Spring Batch tells them of a run's end in the reverse order: the
	 * notes first, so that the runner keeps them with a failed run's context.
	 */
	@Bean
	static BeanPostProcessor jobListeners(ObjectProvider<JobRunner> runner, ObjectProvider<JobSessions> sessions,
			ObjectProvider<RunNotes> notes) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof AbstractJob job) {
					job.registerJobExecutionListener(runner.getObject());
					job.registerJobExecutionListener(sessions.getObject());
					job.registerJobExecutionListener(notes.getObject());
				}
				return bean;
			}
		};
	}

}
