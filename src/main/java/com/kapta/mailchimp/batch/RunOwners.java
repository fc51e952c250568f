package com.kapta.mailchimp.batch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.LocalDateTime;

import org.springframework.batch.core.job.JobExecution;

import com.kapta.mailchimp.database.JobLocks;

/**
 * Who runs an execution, and whether that owner still lives: a restart then tells a run
 * whose process died from one still running. The owner (process id and machine) is
 * recorded in the run's context when it starts. With the database's locks the owner is
 * alive while the job's lock is held; on the embedded file, while this process holds the
 * job's lock or the recorded process id lives. Never does a run that a live process is
 * launching or running count as dead: only dead ones are recovered.
 */
final class RunOwners {

	private static final String PID = "kapta.owner.pid";

	/**
	 * The machine of the owning process: with two instances, the process id alone says
	 * little.
	 */
	private static final String HOST = "kapta.owner.host";

	/**
	 * How long a run may stay without an owner after its creation before it counts as
	 * abandoned: far longer than a launch takes from creating the run to starting it.
	 */
	private static final Duration LAUNCH_GRACE = Duration.ofMinutes(1);

	private final JobLocks locks;

	RunOwners(JobLocks locks) {
		this.locks = locks;
	}

	/** Names this process as the run's owner (in its context, saved by the caller). */
	static void record(JobExecution execution) {
		execution.getExecutionContext().putLong(PID, ProcessHandle.current().pid());
		execution.getExecutionContext().putString(HOST, Host.NAME);
	}

	/** Who runs it, in words: "4711 on alpha". */
	static String describe(JobExecution execution) {
		long pid = pid(execution);
		return (pid > 0) ? pid + " on " + execution.getExecutionContext().getString(HOST, "this machine")
				: "(not named yet: its launch is under way)";
	}

	/**
	 * Whether the process that runs this execution is alive. With the database's locks,
	 * its run holds the job's lock while it lives: none does when this process holds it
	 * ({@code lockHeld}). Otherwise the process id it recorded, on this machine.
	 */
	boolean alive(JobExecution execution, boolean lockHeld) {
		String jobName = execution.getJobInstance().getJobName();
		if (this.locks.inDatabase()) {
			return !lockHeld && this.locks.held(jobName);
		}
		if (!lockHeld && this.locks.heldHere(jobName)) {
			// a run of this process holds the job: it is this one, starting or running
			return true;
		}
		long pid = pid(execution);
		if (pid <= 0) {
			// created, but its owner has not named itself yet (it does as the run starts,
			// a moment later): young, it is being launched; old, its launch died
			return createdWithin(execution, LAUNCH_GRACE);
		}
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	private static boolean createdWithin(JobExecution execution, Duration grace) {
		LocalDateTime created = execution.getCreateTime();
		return created != null && created.isAfter(LocalDateTime.now().minus(grace));
	}

	private static long pid(JobExecution execution) {
		return execution.getExecutionContext().getLong(PID, -1L);
	}

	/** This machine's name, looked up once (a slow resolver must not delay every run). */
	private static final class Host {

		static final String NAME = name();

		private static String name() {
			try {
				return InetAddress.getLocalHost().getHostName();
			}
			catch (UnknownHostException ex) {
				return "an unnamed machine";
			}
		}

	}

}
