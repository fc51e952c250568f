package com.kapta.mailchimp.schedule;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The schedule runs in the service only; one-shot commands never fire scheduled work. The
 * triggers ({@link ScheduleProperties}) belong to the jobs they launch: nightly download,
 * import poll, outbox push.
 */
@Configuration(proxyBeanMethods = false)
@Profile("service")
@EnableScheduling
class SchedulingConfiguration {

}
