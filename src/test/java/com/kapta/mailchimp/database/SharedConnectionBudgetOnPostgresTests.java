package com.kapta.mailchimp.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import com.kapta.mailchimp.KaptaSpringTest;
import com.kapta.mailchimp.OnPostgres;
import com.kapta.mailchimp.mailchimp.ConnectionBudget;
import com.kapta.mailchimp.mailchimp.ConnectionBudgetTests;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mailchimp's connection limit shared across processes through PostgreSQL: two budgets
 * here are two processes' (each its own database session).
 */
@KaptaSpringTest
@OnPostgres
@Timeout(60)
class SharedConnectionBudgetOnPostgresTests {

	@Autowired
	DataSource dataSource;

	@Autowired
	Environment environment;

	@Test
	void twoProcessesTogetherStayWithinTheLimit() {
		try (MailchimpSandbox sandbox = MailchimpSandbox.start(SandboxOptions.defaults().withLatency(50))) {
			int peak = ConnectionBudgetTests.peakInFlight(sandbox, new SharedConnectionBudget(this.dataSource, 3),
					new SharedConnectionBudget(this.dataSource, 3));

			assertThat(peak).isEqualTo(3);
		}
	}

	@Test
	void slotsHeldByAProcessThatDiesAreFreeAgain() throws Exception {
		ConnectionBudget budget = new SharedConnectionBudget(this.dataSource, 2);
		CompletableFuture<ConnectionBudget.Slot> waiting;
		try (Connection elsewhere = connect()) {
			// another process has both slots on the wire
			for (int slot = 0; slot < 2; slot++) {
				try (PreparedStatement lock = elsewhere.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
					lock.setInt(1, 0x4B41504D);
					lock.setInt(2, slot);
					lock.execute();
				}
			}
			waiting = CompletableFuture.supplyAsync(budget::take);
			Thread.sleep(300);
			assertThat(waiting).as("no slot while the other process holds both").isNotDone();
		}
		// that process is gone without giving them back

		await().atMost(Duration.ofSeconds(10)).until(waiting::isDone);
		waiting.join().close();
		try (ConnectionBudget.Slot first = budget.take(); ConnectionBudget.Slot second = budget.take()) {
			assertThat(first).isNotNull();
		}
	}

	private Connection connect() throws Exception {
		return DriverManager.getConnection(this.environment.getProperty("kapta.database.url"),
				this.environment.getProperty("kapta.database.username"),
				this.environment.getProperty("kapta.database.password"));
	}

}
