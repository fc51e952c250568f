package com.kapta.mailchimp.schedule;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The schedule runs in the service only; one-shot commands never fire scheduled work.
 * Each trigger comes from the bound and validated {@link ScheduleProperties}: nightly
 * download, import poll, outbox push.
 */
@Configuration(proxyBeanMethods = false)
@Profile("service")
@EnableScheduling
class SchedulingConfiguration implements SchedulingConfigurer {

	private final ScheduleProperties schedule;

	private final NightlyTagDownload nightlyTagDownload;

	private final ImportFolderWatch importFolderWatch;

	private final OutboxPush outboxPush;

	SchedulingConfiguration(ScheduleProperties schedule, NightlyTagDownload nightlyTagDownload,
			ImportFolderWatch importFolderWatch, OutboxPush outboxPush) {
		this.schedule = schedule;
		this.nightlyTagDownload = nightlyTagDownload;
		this.importFolderWatch = importFolderWatch;
		this.outboxPush = outboxPush;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addCronTask(this.nightlyTagDownload::run, this.schedule.downloadTags());
		tasks.addFixedDelayTask(this.importFolderWatch::poll, this.schedule.importPoll());
		tasks.addFixedDelayTask(this.outboxPush::run, this.schedule.push());
	}

}
