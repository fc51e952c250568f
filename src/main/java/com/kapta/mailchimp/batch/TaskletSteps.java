package com.kapta.mailchimp.batch;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttribute;

/**
 * The jobs' one-transaction steps (preparing, reporting). Their tasklets put what later
 * steps and the report need in the job's execution context, which Spring Batch saves only
 * after it has recorded the step as complete: a kill between the two left a restart that
 * skipped the completed step and missed what it wrote (a push restarted so failed on its
 * missing bound). A step built here saves the job's context in its own transaction, so a
 * step recorded as complete has its context kept.
 */
public final class TaskletSteps {

	private TaskletSteps() {
	}

	public static Step step(String name, JobRepository jobRepository, PlatformTransactionManager transactionManager,
			Tasklet tasklet) {
		return step(name, jobRepository, transactionManager, tasklet, new DefaultTransactionAttribute());
	}

	/**
	 * A step whose tasklet calls Mailchimp (a job's preparation): it runs outside a
	 * transaction, so it holds no database connection while it waits for Mailchimp. Each
	 * of its writes commits by itself; all are refreshes that a restart repeats (the
	 * audience's tags and id, the tags it creates).
	 */
	public static Step callingMailchimp(String name, JobRepository jobRepository,
			PlatformTransactionManager transactionManager, Tasklet tasklet) {
		return step(name, jobRepository, transactionManager, tasklet,
				new DefaultTransactionAttribute(TransactionDefinition.PROPAGATION_NOT_SUPPORTED));
	}

	private static Step step(String name, JobRepository jobRepository, PlatformTransactionManager transactionManager,
			Tasklet tasklet, TransactionAttribute transaction) {
		Tasklet keepingJobContext = (contribution, chunkContext) -> {
			var status = tasklet.execute(contribution, chunkContext);
			JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
			jobRepository.updateExecutionContext(job);
			return status;
		};
		return new StepBuilder(name, jobRepository).tasklet(keepingJobContext, transactionManager)
			.transactionAttribute(transaction)
			.build();
	}

}
