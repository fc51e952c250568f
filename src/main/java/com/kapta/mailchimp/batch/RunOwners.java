package com.kapta.mailchimp.batch;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.batch.core.job.JobExecution;

import com.kapta.mailchimp.database.JobLocks;

/**
 * Who runs an execution, and whether that owner still lives: a restart then tells a run
 * whose process died from one still running. The owner (process id and machine) is
 * recorded in the run's context when it starts. With the database's locks the owner is
 * alive while the job's lock is held; on the embedded file, while its process id is.
 */
final class RunOwners {

	private static final String PID = "kapta.owner.pid";

	/**
	 * The machine of the owning process: with two instances, the process id alone says
	 * little.
	 */
	private static final String HOST = "kapta.owner.host";

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
		return pid(execution) + " on " + execution.getExecutionContext().getString(HOST, "this machine");
	}

	/**
	 * Whether the process that runs this execution is alive. With the database's locks,
	 * its run holds the job's lock while it lives: none does when this process holds it
	 * ({@code lockHeld}). Otherwise the process id it recorded, on this machine.
	 */
	boolean alive(JobExecution execution, boolean lockHeld) {
		if (this.locks.inDatabase()) {
			return !lockHeld && this.locks.held(execution.getJobInstance().getJobName());
		}
		long pid = pid(execution);
		return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
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
