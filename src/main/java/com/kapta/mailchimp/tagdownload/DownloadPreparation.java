package com.kapta.mailchimp.tagdownload;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.kapta.mailchimp.audience.AudienceResolver;
import com.kapta.mailchimp.batch.JobSessions;
import com.kapta.mailchimp.mailchimp.MailchimpClient;

/** Finds the audience, refreshes Kapta's copy of its tags, and counts its members to divide the pages. */
class DownloadPreparation implements Tasklet {

	static final String MEMBERS = "download.members";

	private final JobSessions sessions;

	private final AudienceResolver audience;

	DownloadPreparation(JobSessions sessions, AudienceResolver audience) {
		this.sessions = sessions;
		this.audience = audience;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
		MailchimpClient client = this.sessions.client(job);
		String audienceId = this.audience.audienceId(client);
		this.audience.refreshTags(client, audienceId);
		int members = client.members(audienceId, 0, 1).totalItems();
		job.getExecutionContext().putInt(MEMBERS, members);
		this.sessions.progress(job).total(members);
		return RepeatStatus.FINISHED;
	}

}
