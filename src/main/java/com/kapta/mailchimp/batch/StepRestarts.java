package com.kapta.mailchimp.batch;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.NoSuchStepException;
import org.springframework.batch.core.step.StepExecution;

import com.kapta.mailchimp.mailchimp.OwnMembers;
import com.kapta.mailchimp.mailchimp.RunSignups;

/**
 * What a subscribing writer needs to know after a restart, the same for upload, import
 * and push.
 */
public final class StepRestarts {

	private StepRestarts() {
	}

	/**
	 * The writer's {@link OwnMembers}: restarted when this step ran before in its job
	 * instance, asking the run's one {@link RunSignups} (shared by its partitions).
	 * @param signupStamp the {@code timestamp_signup} the run gives the members it
	 * creates
	 */
	public static OwnMembers ownMembers(JobSessions sessions, JobRepository jobRepository, StepExecution step,
			String audienceId, String signupStamp) throws NoSuchStepException {
		var job = step.getJobExecution();
		boolean restarted = jobRepository.getStepExecutionCount(job.getJobInstance(), step.getStepName()) > 1;
		return new OwnMembers(
				sessions.shared(job, RunSignups.class, (client) -> new RunSignups(client, audienceId, signupStamp)),
				restarted);
	}

}
