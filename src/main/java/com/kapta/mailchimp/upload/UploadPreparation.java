package com.kapta.mailchimp.upload;

import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.kapta.mailchimp.audience.AudienceResolver;
import com.kapta.mailchimp.batch.JobSessions;
import com.kapta.mailchimp.mailchimp.MailchimpClient;

/**
 * Before any contact is sent: finds the audience, refreshes Kapta's copy of its tags and
 * creates the launch tags it lacks, once per run (a dry run only says which it would
 * create).
 */
class UploadPreparation implements Tasklet {

	private static final String TAGS_TO_CREATE = "upload.tagsToCreate";

	private final JobSessions sessions;

	private final AudienceResolver audience;

	private final List<String> launchTags;

	private final boolean dryRun;

	UploadPreparation(JobSessions sessions, AudienceResolver audience, List<String> launchTags, boolean dryRun) {
		this.sessions = sessions;
		this.audience = audience;
		this.launchTags = launchTags;
		this.dryRun = dryRun;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
		MailchimpClient client = this.sessions.client(job);
		if (this.dryRun) {
			Map<String, Long> existing = this.audience.withAudience(client,
					(id) -> this.audience.refreshTags(client, id));
			List<String> missing = this.launchTags.stream().filter((tag) -> !existing.containsKey(tag)).toList();
			job.getExecutionContext().putString(TAGS_TO_CREATE, String.join(", ", missing));
		}
		else {
			this.audience.withAudience(client, (id) -> this.audience.ensureTags(client, id, this.launchTags));
		}
		return RepeatStatus.FINISHED;
	}

	/**
	 * The launch tags a dry run found missing on Mailchimp, comma separated; empty if
	 * none.
	 */
	static String tagsToCreate(JobExecution job) {
		return job.getExecutionContext().getString(TAGS_TO_CREATE, "");
	}

}
