package com.kapta.mailchimp.batch;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.KaptaJob;
import com.kapta.mailchimp.ServiceBusyException;
import com.kapta.mailchimp.audit.AuditEvent;
import com.kapta.mailchimp.audit.AuditTrail;
import com.kapta.mailchimp.database.JobLocks;

/**
 * Launches jobs for commands and the schedule. Two runs of one job never overlap: a run
 * holds its job's lock ({@link JobLocks}: on PostgreSQL the database's, across processes
 * and machines) from before it is checked until it ends, and the job repository, shared
 * by every process, is asked whether the job is running. A run marked as running whose
 * owner is gone (its lock free on PostgreSQL; its process id dead on the embedded file)
 * was interrupted. When the application closes (SIGTERM), the runs of this process are
 * asked to stop: each finishes the chunk in hand, commits it and ends STOPPED, so a
 * restart resumes after it.
 */
public class JobRunner implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Duration stopTimeout;

	private final JobLocks locks;

	private final RunOwners owners;

	private final AuditTrail audit;

	private final Set<JobExecution> running = ConcurrentHashMap.newKeySet();

	/**
	 * Longest wait for the job of a run of this process that is ending: its last writes
	 * and listeners take milliseconds.
	 */
	private static final Duration HANDOVER = Duration.ofSeconds(5);

	/**
	 * A background launch in this thread waiting to learn its run as soon as it exists
	 * ({@link BackgroundLaunches}).
	 */
	private static final ThreadLocal<CompletableFuture<JobExecution>> ANNOUNCE = new ThreadLocal<>();

	JobRunner(JobOperator jobOperator, JobRepository jobRepository, Duration stopTimeout, JobLocks locks,
			AuditTrail audit) {
		this.audit = audit;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.stopTimeout = stopTimeout;
		this.locks = locks;
		this.owners = new RunOwners(locks);
	}

	/**
	 * Runs the job to its end in this thread and returns the execution, whatever its
	 * status.
	 */
	public JobExecution run(Job job, JobParameters parameters) {
		return run(job, () -> parameters);
	}

	/**
	 * Runs the job with parameters made only once its lock is held: what they need made
	 * (an uploaded file copied in) is not made for a launch that is refused.
	 */
	public JobExecution run(Job job, Supplier<JobParameters> parameters) {
		try (JobLocks.Lease lease = lock(job.getName())) {
			return launch(job, parameters.get());
		}
	}

	/** The job's lock, or the refusal a user sees while a run elsewhere holds it. */
	private JobLocks.Lease lock(String jobName) {
		Runnable lost = () -> stopRunsOf(jobName);
		Optional<JobLocks.Lease> lease = this.locks.tryLock(jobName, lost);
		long giveUp = System.nanoTime() + HANDOVER.toNanos();
		while (lease.isEmpty() && this.locks.heldHere(jobName) && !runningHere(jobName) && System.nanoTime() < giveUp) {
			// a run of this process holds the job between its end, which its status shows
			// already, and letting go of the job (or between its launch and its start): a
			// caller that waited for that status must not be refused
			lease = this.locks.tryLock(jobName, lost, Duration.ofMillis(20));
		}
		return lease.orElseThrow(() -> new JobBusyException("Job " + jobName + " is already running"
				+ (this.locks.heldHere(jobName) ? "" : " in another process or on another machine")
				+ "; wait for it to end"));
	}

	private boolean runningHere(String jobName) {
		return this.running.stream().anyMatch((execution) -> execution.getJobInstance().getJobName().equals(jobName));
	}

	/**
	 * Stops this process's run of the job after its chunk: it lost its lock to another
	 * process, which resumes the job.
	 */
	private void stopRunsOf(String jobName) {
		for (JobExecution execution : this.running) {
			if (execution.getJobInstance().getJobName().equals(jobName)) {
				askToStop(execution);
			}
		}
	}

	/**
	 * Asks a run of this process to stop after its chunk; false if it had already ended.
	 */
	private boolean askToStop(JobExecution execution) {
		if (!execution.isRunning()) {
			return false;
		}
		execution.setStatus(BatchStatus.STOPPING);
		this.jobRepository.update(execution);
		return true;
	}

	/** Starts the run, the job's lock held. */
	private JobExecution launch(Job job, JobParameters parameters) {
		refuseOverlap(job.getName());
		try {
			return this.jobOperator.start(job, parameters);
		}
		catch (JobExecutionAlreadyRunningException ex) {
			throw new JobBusyException("Job " + job.getName() + " is already running with these parameters", ex);
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			throw new KaptaException("Job " + job.getName() + " already completed for these parameters", ex);
		}
		catch (Exception ex) {
			if (ServiceBusyException.isBusy(ex)) {
				throw new ServiceBusyException("Job " + job.getName()
						+ " could not start: the database is busy (all its connections in use); try again shortly", ex);
			}
			throw new KaptaException("Job " + job.getName() + " could not start: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Runs the job after marking as failed its runs whose process died, rather than
	 * letting them block every later run. The export is never resumed, only run again
	 * (new parameters); the nightly download's parameters are its night, so a run of a
	 * night that a dead instance began resumes after its last committed chunk.
	 */
	public JobExecution runRecovered(Job job, JobParameters parameters) {
		try (JobLocks.Lease lease = lock(job.getName())) {
			for (JobExecution execution : this.jobRepository.findRunningJobExecutions(job.getName())) {
				if (!this.owners.alive(execution, true)) {
					log.info("Marking execution {} of {} as failed: its process {} is gone", execution.getId(),
							job.getName(), RunOwners.describe(execution));
					this.jobOperator.recover(execution);
				}
			}
			return launch(job, parameters);
		}
	}

	private void refuseOverlap(String jobName) {
		for (JobExecution execution : this.jobRepository.findRunningJobExecutions(jobName)) {
			if (this.owners.alive(execution, true)) {
				throw new JobBusyException("Job " + jobName + " is already running (execution " + execution.getId()
						+ ", started " + execution.getStartTime() + "); wait for it to end");
			}
			throw new KaptaException("Job " + jobName + " was interrupted (execution " + execution.getId()
					+ ", its process is gone); " + KaptaJob.resumeHintOf(jobName));
		}
	}

	/**
	 * Restarts the job's most recent run if it did not complete: a run that failed or was
	 * stopped, or one whose process died (it is first marked as failed, which is what
	 * {@link JobOperator#recover} is for). The restart resumes after the last committed
	 * chunks, with the same parameters.
	 */
	public JobExecution restartLast(Job job) {
		try (JobLocks.Lease lease = lock(job.getName())) {
			return restart(job);
		}
	}

	/**
	 * Resumes this run after its last committed chunk, if it failed or was stopped and is
	 * still the last of its job instance (a run restarted since is restarted instead).
	 */
	public JobExecution restart(Job job, JobExecution run) {
		try (JobLocks.Lease lease = lock(job.getName())) {
			JobExecution last = this.jobRepository.getLastJobExecution(run.getJobInstance());
			if (last == null || last.getId() != run.getId()
					|| !(last.getStatus() == BatchStatus.FAILED || last.getStatus() == BatchStatus.STOPPED)) {
				throw new KaptaException("Run " + run.getId() + " of " + job.getName() + " is not one to restart: "
						+ ((last != null && last.getId() != run.getId()) ? "run " + last.getId() + " took it up since"
								: "it did not fail or stop"));
			}
			if (leftUnknown(last)) {
				failUnknown(last);
			}
			return launch(job, run.getJobParameters());
		}
	}

	private JobExecution restart(Job job) {
		JobExecution last = lastExecution(job);
		if (last == null) {
			throw new KaptaException("Job " + job.getName() + " has never run; there is nothing to restart");
		}
		if (last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED) {
			throw new KaptaException("The last run of " + job.getName() + " (execution " + last.getId() + ") ended "
					+ last.getStatus() + "; there is nothing to restart");
		}
		if (last.isRunning()) {
			if (this.owners.alive(last, true)) {
				throw new JobBusyException("Job " + job.getName() + " is still running in process "
						+ RunOwners.describe(last) + " (execution " + last.getId() + "); wait for it to end");
			}
			log.info("Recovering execution {} of {}: its process {} is gone", last.getId(), job.getName(),
					RunOwners.describe(last));
			this.jobOperator.recover(last);
		}
		if (leftUnknown(last)) {
			failUnknown(last);
		}
		return launch(job, last.getJobParameters());
	}

	/**
	 * Whether the run, or one of its steps, was left UNKNOWN or still marked running
	 * after the run ended: the run itself failed, but a partition whose last update the
	 * lost connection cut stays UNKNOWN or STARTED, and Spring Batch refuses to restart
	 * the step ("Cannot restart step … from UNKNOWN status", "already running").
	 */
	private static boolean leftUnknown(JobExecution execution) {
		return execution.getStatus() == BatchStatus.UNKNOWN || (!execution.isRunning() && execution.getStepExecutions()
			.stream()
			.anyMatch((step) -> step.getStatus() == BatchStatus.UNKNOWN || step.getStatus().isRunning()));
	}

	/**
	 * Marks as failed a run that Spring Batch left UNKNOWN: its database connection was
	 * lost (a restart of the server) while it recorded a failure. Spring Batch refuses to
	 * restart such a run, since a chunk's outcome might be half written. Not so here:
	 * every job keeps its position in its step's context, committed in the same database
	 * transaction as its chunk's writes, and its Mailchimp calls are idempotent, so the
	 * restart resumes from the last committed chunk as after any failure.
	 */
	private void failUnknown(JobExecution execution) {
		log.info("Marking execution {} of {} as failed: the database connection was lost while it ended",
				execution.getId(), execution.getJobInstance().getJobName());
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStatus() == BatchStatus.UNKNOWN || step.getStatus().isRunning()) {
				step.setStatus(BatchStatus.FAILED);
				if (step.getEndTime() == null) {
					step.setEndTime(LocalDateTime.now());
				}
				this.jobRepository.update(step);
			}
		}
		if (execution.getStatus() != BatchStatus.STOPPED) {
			execution.setStatus(BatchStatus.FAILED);
		}
		this.jobRepository.update(execution);
	}

	/**
	 * Asks a run of any process to stop after the chunk in hand (it ends STOPPED and can
	 * be restarted from there).
	 */
	public void stop(JobExecution execution) {
		if (!execution.isRunning()) {
			throw new KaptaException("Run " + execution.getId() + " is not running (" + execution.getStatus() + ")");
		}
		this.audit.record(AuditEvent.JOB_STOPPED, execution.getJobInstance().getJobName(), execution.getId(),
				"asked to stop after its chunk");
		if (this.owners.alive(execution, false)) {
			// Spring Batch 6's stop also stamps an end time, and the repository then
			// calls
			// the run STOPPED at once while it still finishes its chunk: a restart would
			// start beside it. Marked STOPPING, its steps end after their chunk and the
			// run
			// ends STOPPED by itself.
			execution.setStatus(BatchStatus.STOPPING);
			this.jobRepository.update(execution);
			return;
		}
		try {
			// no process runs it: stopped at once
			this.jobOperator.stop(execution);
		}
		catch (JobExecutionNotRunningException ex) {
			throw new KaptaException("Run " + execution.getId() + " is not running", ex);
		}
	}

	/**
	 * Whether the job's last run was interrupted rather than failed: stopped (SIGTERM),
	 * or still marked as running although its process is gone (kill -9). Such a run is
	 * resumed when the service starts.
	 */
	public boolean wasInterrupted(Job job) {
		JobExecution last = lastExecution(job);
		return last != null && (last.getStatus() == BatchStatus.STOPPED || orphaned(last));
	}

	/**
	 * Whether the job's last run is still marked as running although its owner is gone
	 * (its process killed, its machine lost): no process will ever end it, so another
	 * resumes it.
	 */
	public boolean orphaned(Job job) {
		JobExecution last = lastExecution(job);
		return last != null && orphaned(last);
	}

	private boolean orphaned(JobExecution last) {
		return last.isRunning() && !this.owners.alive(last, false);
	}

	@Override
	public void beforeJob(JobExecution execution) {
		this.running.add(execution);
		RunOwners.record(execution);
		this.jobRepository.updateExecutionContext(execution);
		recordLaunch(execution);
		CompletableFuture<JobExecution> waiting = ANNOUNCE.get();
		if (waiting != null) {
			waiting.complete(execution);
		}
	}

	/**
	 * Records who launched the run, or restarted its job instance (a run of the same
	 * parameters ran before): a run's page names them.
	 */
	private void recordLaunch(JobExecution execution) {
		boolean restart = isRestart(this.jobRepository, execution);
		String parameters = JobHistory.parametersText(execution.getJobParameters());
		this.audit.record(restart ? AuditEvent.JOB_RESTARTED : AuditEvent.JOB_LAUNCHED,
				execution.getJobInstance().getJobName(), execution.getId(), parameters);
	}

	/** Whether a run of the same job instance (its parameters) came before this one. */
	public static boolean isRestart(JobRepository jobRepository, JobExecution execution) {
		return jobRepository.getJobExecutions(execution.getJobInstance())
			.stream()
			.anyMatch((earlier) -> earlier.getId() < execution.getId());
	}

	/** Tells {@code waiting} the run that the launch in this thread starts next. */
	static void announceTo(@Nullable CompletableFuture<JobExecution> waiting) {
		if (waiting == null) {
			ANNOUNCE.remove();
		}
		else {
			ANNOUNCE.set(waiting);
		}
	}

	private JobExecution lastExecution(Job job) {
		JobInstance instance = this.jobRepository.getLastJobInstance(job.getName());
		return (instance != null) ? this.jobRepository.getLastJobExecution(instance) : null;
	}

	@Override
	public void afterJob(JobExecution execution) {
		this.running.remove(execution);
		if (execution.getStatus() == BatchStatus.FAILED) {
			RunSummary.keepFailureReason(execution);
			try {
				this.jobRepository.updateExecutionContext(execution);
			}
			catch (RuntimeException ex) {
				// the database that failed the run may be gone: the reason stays in the
				// log
				log.warn("Could not keep why run {} failed: {}", execution.getId(), ex.getMessage());
			}
		}
	}

	/**
	 * Published before anything is torn down, so the jobs can still commit their chunk.
	 */
	@EventListener(ContextClosedEvent.class)
	public void stopRunningJobs() {
		if (this.running.isEmpty()) {
			return;
		}
		for (JobExecution execution : this.running) {
			log.info("Stopping {} (execution {}) after its current chunk", execution.getJobInstance().getJobName(),
					execution.getId());
			if (!askToStop(execution)) {
				this.running.remove(execution);
			}
		}
		long deadline = System.nanoTime() + this.stopTimeout.toNanos();
		while (!this.running.isEmpty() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		if (!this.running.isEmpty()) {
			log.warn("{} job(s) did not stop within {}; a restart recovers them", this.running.size(),
					this.stopTimeout);
		}
	}

}
