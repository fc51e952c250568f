package com.kapta.mailchimp.cli;

import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import com.kapta.mailchimp.database.DatabaseServer;

/**
 * The long-lived process: serves the database to one-shot commands and runs the schedule until SIGTERM,
 * on which Spring closes the context (the scheduler stops, then the database closes cleanly).
 */
@Command(name = "service", description = "Runs the service: hosts the database for other commands and runs the schedule.")
class ServiceCommand extends SpringCommand {

	@Override
	public Integer call() throws InterruptedException {
		ConfigurableApplicationContext context = root().context("service");
		var closed = new CountDownLatch(1);
		context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> closed.countDown());
		context.registerShutdownHook();
		DatabaseServer server = context.getBean(DatabaseServer.class);
		server.publish();
		out().println("Kapta service running; database served on 127.0.0.1:" + server.port() + ". Stop it with Ctrl-C or SIGTERM.");
		out().flush();
		closed.await();
		return KaptaCli.OK;
	}

}
