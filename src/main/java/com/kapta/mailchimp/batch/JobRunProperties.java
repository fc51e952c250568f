package com.kapta.mailchimp.batch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How jobs are run ({@code kapta.batch}; not Spring Boot's {@code spring.batch}).
 *
 * @param stopTimeout how long a closing application waits for its jobs to finish their
 * chunk and stop
 * @param progressEvery how often a running job prints its progress
 */
@ConfigurationProperties("kapta.batch")
record JobRunProperties(@DefaultValue("120s") Duration stopTimeout, @DefaultValue("5s") Duration progressEvery) {
}
