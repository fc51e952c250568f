package com.kapta.mailchimp.database;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import com.kapta.mailchimp.KaptaSpringTest;
import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.contact.ContactCsvLoader;
import com.kapta.mailchimp.importing.ImportLauncher;
import com.kapta.mailchimp.push.PushLauncher;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.tagdownload.DownloadLauncher;
import com.kapta.mailchimp.upload.UploadLauncher;
import com.kapta.mailchimp.workbook.Workbooks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No job holds a database connection while it waits for Mailchimp: on a pool of two
 * connections and a Mailchimp that takes its time, the upload's and the download's
 * partitions still call Mailchimp side by side (a partition holding a connection through
 * its call would leave at most two calls in flight), and while the push's or the import's
 * calls are out the whole pool is free for the requests of the service.
 */
@KaptaSpringTest
@TestPropertySource(properties = { "spring.datasource.hikari.maximum-pool-size=" + PoolWhileMailchimpAnswersTests.POOL,
		"spring.datasource.hikari.connection-timeout=30000" })
class PoolWhileMailchimpAnswersTests {

	static final int POOL = 2;

	private static final int LATENCY_MS = 300;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	SettingsService settings;

	@Autowired
	ContactCsvLoader loader;

	@Autowired
	UploadLauncher upload;

	@Autowired
	DownloadLauncher download;

	@Autowired
	PushLauncher push;

	@Autowired
	ImportLauncher importer;

	private SandboxedKapta kapta;

	private MailchimpSandbox sandbox;

	@BeforeEach
	void slowMailchimp() throws SQLException {
		assertThat(this.dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize())
			.as("spring.datasource.hikari.* reach the pool")
			.isEqualTo(POOL);
		this.kapta = new SandboxedKapta(this.jdbc, this.settings, this.loader);
		this.sandbox = this.kapta.restart(SandboxOptions.defaults().withTags(List.of("VIP")).withLatency(LATENCY_MS));
	}

	@AfterEach
	void stopSandbox() {
		this.kapta.close();
	}

	@Test
	void anUploadsPartitionsCallMailchimpSideBySideOnAPoolOfTwo() {
		this.kapta.load(contacts(5000));

		Watched run = watched(() -> this.upload.launch(List.of("Champion"), false));

		assertThat(run.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.sandbox.audience().members()).hasSize(5000)
			.allSatisfy((member) -> assertThat(member.tags()).containsExactly("Champion"));
		assertThat(this.sandbox.stats().maxInFlight()).as("calls in flight at once").isGreaterThan(POOL);
		assertThat(run.sawAFreePoolDuringACall()).isTrue();
	}

	@Test
	void aDownloadsPartitionsReadMailchimpSideBySideOnAPoolOfTwo() {
		this.kapta.load(contacts(5000));
		IntStream.range(0, 5000)
			.forEach((i) -> this.sandbox.audience().putMember(email(i), "subscribed", (i % 2 == 0) ? "VIP" : "Other"));

		Watched run = watched(() -> this.download.launch(false));

		assertThat(run.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.kapta.tags(email(0))).containsExactly("VIP");
		assertThat(this.kapta.tags(email(4999))).containsExactly("Other");
		assertThat(this.sandbox.stats().maxInFlight()).as("calls in flight at once").isGreaterThan(POOL);
		assertThat(run.sawAFreePoolDuringACall()).isTrue();
	}

	@Test
	void aPushLeavesThePoolFreeWhileItsCallsAreOut() {
		this.kapta.loadAsNewEdits(contacts(3000));

		Watched run = watched(this.push::launch);

		assertThat(run.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.sandbox.audience().members()).hasSize(3000)
			.allSatisfy((member) -> assertThat(member.tags()).containsExactly("VIP"));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL", Integer.class))
			.isZero();
		assertThat(run.sawAFreePoolDuringACall()).as("the pool all free while a call was out").isTrue();
	}

	@Test
	void anImportLeavesThePoolFreeWhileItsCallsAreOut() {
		List<List<Object>> rows = new ArrayList<>();
		rows.add(List.of("Email Address", "First Name", "Last Name", "VIP"));
		IntStream.range(0, 3000).forEach((i) -> rows.add(List.of(email(i), "First", "Last", "Y")));
		Path file = Workbooks.xlsx(this.importer.inbox().resolve("people.xlsx"), rows);

		Watched run = watched(() -> this.importer.launch(file, false));

		assertThat(run.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.sandbox.audience().members()).hasSize(3000)
			.allSatisfy((member) -> assertThat(member.tags()).containsExactly("VIP"));
		assertThat(this.kapta.tags(email(2999))).containsExactly("VIP");
		assertThat(run.sawAFreePoolDuringACall()).as("the pool all free while a call was out").isTrue();
	}

	/**
	 * Runs the job, looking at the pool whenever a call is out: whether it was ever all
	 * free then.
	 */
	private Watched watched(Supplier<JobExecution> job) {
		HikariPoolMXBean pool;
		try {
			pool = this.dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		AtomicBoolean freeDuringACall = new AtomicBoolean();
		CompletableFuture<JobExecution> run = CompletableFuture.supplyAsync(job);
		while (!run.isDone()) {
			// a call out before and after the pool was seen all free
			if (this.sandbox.stats().inFlight() > 0 && pool.getActiveConnections() == 0
					&& this.sandbox.stats().inFlight() > 0) {
				freeDuringACall.set(true);
			}
			// a look every fifth of a millisecond: calls take 300 ms; a spinning loop
			// took a core from the other tests
			LockSupport.parkNanos(200_000);
		}
		return new Watched(run.join(), freeDuringACall.get());
	}

	private record Watched(JobExecution execution, boolean sawAFreePoolDuringACall) {
	}

	private static String[] contacts(int count) {
		return IntStream.range(0, count).mapToObj((i) -> email(i) + ",First,Last,VIP").toArray(String[]::new);
	}

	private static String email(int i) {
		return "person" + i + "@example.com";
	}

}
