package com.kapta.mailchimp.push;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.kapta.mailchimp.audience.AudienceResolver;
import com.kapta.mailchimp.batch.JobSessions;
import com.kapta.mailchimp.contact.Outbox;
import com.kapta.mailchimp.mailchimp.MailchimpClient;

/**
 * Before anything is sent: fixes which changes this run sends (those queued so far; a
 * restart keeps the same bound), finds the audience, refreshes its tags and creates the
 * tags the changes give that it lacks.
 */
class PushPreparation implements Tasklet {

	private static final String UP_TO = "push.upToId";

	private final JobSessions sessions;

	private final AudienceResolver audience;

	private final Outbox outbox;

	PushPreparation(JobSessions sessions, AudienceResolver audience, Outbox outbox) {
		this.sessions = sessions;
		this.audience = audience;
		this.outbox = outbox;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
		ExecutionContext context = job.getExecutionContext();
		if (!context.containsKey(UP_TO)) {
			context.putLong(UP_TO, this.outbox.lastId());
		}
		long upTo = context.getLong(UP_TO);
		MailchimpClient client = this.sessions.client(job);
		this.audience.withAudience(client, (id) -> this.audience.ensureTags(client, id, this.outbox.tagsToAdd(upTo)));
		return RepeatStatus.FINISHED;
	}

	/** The last outbox entry the run sends, fixed when it was prepared. */
	static long upTo(JobExecution job) {
		return job.getExecutionContext().getLong(UP_TO);
	}

}
