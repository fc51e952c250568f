package com.kapta.mailchimp.cli;

import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import com.kapta.mailchimp.batch.InterruptedRuns;
import com.kapta.mailchimp.audit.Actor;
import com.kapta.mailchimp.database.DatabaseServer;
import com.kapta.mailchimp.web.WebProperties;
import com.kapta.mailchimp.web.WebTransport;

/**
 * The long-lived process: serves the database to one-shot commands, the web console and
 * the API, and runs the schedule until SIGTERM, on which Spring closes the context (the
 * scheduler stops, then the database closes cleanly).
 */
@Command(name = "service",
		description = "Runs the service: hosts the database for other commands, serves the web console and the API,"
				+ " and runs the schedule.")
class ServiceCommand extends SpringCommand {

	@Override
	public Integer call() throws InterruptedException {
		ConfigurableApplicationContext context = root().context("service");
		var closed = new CountDownLatch(1);
		context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> closed.countDown());
		context.registerShutdownHook();
		// on a database server of its own (kapta.database.url) there is nothing to host
		DatabaseServer server = context.getBeanProvider(DatabaseServer.class).getIfAvailable();
		if (server != null) {
			server.publish();
		}
		out().println("Kapta service running; "
				+ ((server != null) ? "database served on 127.0.0.1:" + server.port() : "database on PostgreSQL")
				+ ". Stop it with Ctrl-C or SIGTERM.");
		if (context instanceof WebServerApplicationContext web) {
			WebProperties address = context.getBean(WebProperties.class);
			out().println("Web console and API on " + context.getBean(WebTransport.class).scheme() + "://"
					+ address.address().getHostAddress() + ":" + web.getWebServer().getPort()
					+ "/ (sign in as a user from './run.sh users add').");
		}
		out().flush();
		resumeInterruptedJobs(context);
		closed.await();
		return KaptaCli.OK;
	}

	/**
	 * Runs that a stop or a crash interrupted resume in the background, after their last
	 * committed chunk.
	 */
	private void resumeInterruptedJobs(ConfigurableApplicationContext context) {
		// resumed by the service itself, as its schedule resumes what dies later
		for (JobExecution run : Actor.as(Actor.SCHEDULE,
				() -> context.getBean(InterruptedRuns.class).resumeInterrupted())) {
			out().println("Resuming the interrupted " + run.getJobInstance().getJobName() + " run.");
		}
	}

}
