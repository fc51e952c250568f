package com.kapta.mailchimp.tagdownload;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.kapta.mailchimp.audience.AudienceResolver;
import com.kapta.mailchimp.batch.JobSessions;
import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.settings.SettingsService;

/**
 * Refreshes Kapta's copy of the audience's tags (on the remembered audience id: no call
 * to find it) and counts its members to divide the pages: two calls.
 */
class DownloadPreparation implements Tasklet {

	private static final String MEMBERS = "download.members";

	private final JobSessions sessions;

	private final AudienceResolver audience;

	private final SettingsService settings;

	DownloadPreparation(JobSessions sessions, AudienceResolver audience, SettingsService settings) {
		this.sessions = sessions;
		this.settings = settings;
		this.audience = audience;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
		MailchimpClient client = this.sessions.client(job);
		this.audience.withAudience(client, (id) -> this.audience.refreshTags(client, id));
		String audienceId = this.settings.current().audienceId();
		int members = client.members(audienceId, 0, 1).totalItems();
		job.getExecutionContext().putInt(MEMBERS, members);
		this.sessions.progress(job).total(members);
		return RepeatStatus.FINISHED;
	}

	/** How many members the plain list had when the run was prepared. */
	static int members(JobExecution job) {
		return job.getExecutionContext().getInt(MEMBERS);
	}

}
