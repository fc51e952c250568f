package com.kapta.mailchimp.batch;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What every job shares: the runner, registered as a listener on every job so it knows what runs here. */
@Configuration(proxyBeanMethods = false)
class BatchConfiguration {

	/**
	 * How jobs are run.
	 *
	 * @param stopTimeout how long a closing application waits for its jobs to finish their chunk and stop
	 */
	@ConfigurationProperties("kapta.batch")
	record BatchProperties(@DefaultValue("120s") java.time.Duration stopTimeout) {
	}

	@Bean
	JobRunner jobRunner(JobOperator jobOperator, JobRepository jobRepository, BatchProperties properties) {
		return new JobRunner(jobOperator, jobRepository, properties.stopTimeout());
	}

	@Bean
	static BeanPostProcessor jobRunnerListener(ObjectProvider<JobRunner> runner) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof AbstractJob job) {
					job.registerJobExecutionListener(runner.getObject());
				}
				return bean;
			}
		};
	}

}
