package com.kapta.mailchimp.web;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

import com.kapta.mailchimp.KaptaJob;

/**
 * Who may stop or restart a run: who may launch its job. Upload and download are an
 * admin's (their launch and preview URLs are admin-only in
 * {@link WebSecurityConfiguration}); import, export and push are the data team's too.
 * Checked by the run's job, since a run's URLs ({@code /jobs/{id}/…}) do not say which
 * job it is.
 */
public final class RunAccess {

	private RunAccess() {
	}

	/** Whether {@code user} may stop or restart {@code run}. */
	public static boolean mayControl(@Nullable Authentication user, JobExecution run) {
		return mayControl(user, run.getJobInstance().getJobName());
	}

	/** Whether {@code user} may stop or restart the runs of the job {@code job}. */
	public static boolean mayControl(@Nullable Authentication user, String job) {
		return !KaptaJob.adminOnly(job) || admin(user);
	}

	/** Refuses (403) a user who may not stop or restart {@code run}. */
	public static void requireControl(@Nullable Authentication user, JobExecution run) {
		if (!mayControl(user, run)) {
			throw new AccessDeniedException("Only an admin stops or restarts " + run.getJobInstance().getJobName());
		}
	}

	public static boolean admin(@Nullable Authentication user) {
		return user != null && user.getAuthorities().stream().anyMatch((a) -> a.getAuthority().equals("ROLE_ADMIN"));
	}

}
