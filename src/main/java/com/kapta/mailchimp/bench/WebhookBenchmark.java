package com.kapta.mailchimp.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.contact.ContactCsvLoader;
import com.kapta.mailchimp.database.EmptyDatabase;
import com.kapta.mailchimp.mailchimp.WebhookSignature;
import com.kapta.mailchimp.sandbox.SandboxProcess;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.upload.UploadLauncher;
import com.kapta.mailchimp.webhook.PublicAddress;
import com.kapta.mailchimp.webhook.WebhookProperties;
import com.kapta.mailchimp.webhook.WebhookRegistration;

/**
 * The webhook endpoint under Mailchimp's deliveries, on the service itself (its worker
 * applying events meanwhile): N contacts uploaded to the sandbox, the webhook registered,
 * then S senders post E signed profile and unsubscribe events as fast as answers come.
 * Prints the events accepted per second and the answer times, then how many the worker
 * applied within a minute.
 */
@Component
@Profile("service")
public class WebhookBenchmark {

	/** Events a second the endpoint accepts at least. */
	static final double TARGET_PER_SECOND = 500;

	/** Its slowest usual answer. */
	static final long TARGET_P99_MS = 50;

	private final SettingsService settings;

	private final ContactCsvLoader loader;

	private final UploadLauncher upload;

	private final WebhookRegistration registration;

	private final JdbcTemplate jdbc;

	private final KaptaProperties properties;

	private final PublicAddress web;

	private final EmptyDatabase emptyDatabase;

	private final WebhookProperties webhook;

	/**
	 * Kept-alive connections, as Mailchimp's sender keeps them; Apache's blocking client,
	 * which leaves the machine's two cores to the service more than the JDK's does.
	 */
	private final CloseableHttpClient http = HttpClients.custom()
		.setConnectionManager(
				PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(64).setMaxConnPerRoute(64).build())
		.build();

	WebhookBenchmark(SettingsService settings, ContactCsvLoader loader, UploadLauncher upload,
			WebhookRegistration registration, JdbcTemplate jdbc, KaptaProperties properties, PublicAddress web,
			EmptyDatabase emptyDatabase, WebhookProperties webhook) {
		this.webhook = webhook;
		this.settings = settings;
		this.loader = loader;
		this.upload = upload;
		this.registration = registration;
		this.jdbc = jdbc;
		this.properties = properties;
		this.web = web;
		this.emptyDatabase = emptyDatabase;
	}

	/** Measures; false when a target was missed. */
	public boolean run(int contacts, int events, int senders, int latencyMs, PrintWriter out) throws IOException {
		this.emptyDatabase.require("the bench");
		Path work = Files.createDirectories(this.properties.jobsDir().resolve("bench"));
		try (SandboxProcess sandbox = SandboxProcess.start(latencyMs, List.of(), work.resolve("sandbox"))) {
			this.settings.save(new SettingsChange(false, sandbox.baseUrl(), sandbox.apiKey(), "Kapta Contacts"));
			this.loader.load(Benchmark.contactsCsv(work.resolve("contacts.csv"), contacts));
			this.settings.save(new SettingsChange(true, null, null, null));
			this.upload.launch(List.of(), false);
			this.registration.register();
			Properties secrets = new Properties();
			secrets.load(new StringReader(
					Files.readString(this.properties.dataDir().resolve("secrets").resolve("mailchimp-webhook"),
							StandardCharsets.US_ASCII)));
			URI endpoint = this.web.get().orElseThrow().resolve("/webhooks/mailchimp/" + secrets.getProperty("token"));
			String audience = this.settings.current().audienceId();
			var deliveries = new Deliveries(endpoint, secrets.getProperty("signing-secret"), audience, contacts);
			// warm-up: the JIT and the pools
			Concurrently.run(senders, Math.max(1, 500 / senders), deliveries::deliver);
			deliveries.reset();
			long start = System.nanoTime();
			Concurrently.run(senders, Math.max(1, events / senders), deliveries::deliver);
			double seconds = (System.nanoTime() - start) / 1e9;
			long[] times = deliveries.times();
			double perSecond = times.length / seconds;
			long p99 = percentile(times, 99);
			boolean met = perSecond >= TARGET_PER_SECOND && p99 <= TARGET_P99_MS && deliveries.refused() == 0;
			out.printf(Locale.ROOT,
					"webhook-bench events=%d senders=%d contacts=%d accepted_per_s=%.0f p50_ms=%d p95_ms=%d p99_ms=%d"
							+ " max_ms=%d not_2xx=%d target_per_s=%.0f target_p99_ms=%d (%s)%n",
					times.length, senders, contacts, perSecond, percentile(times, 50), percentile(times, 95), p99,
					percentile(times, 100), deliveries.refused(), TARGET_PER_SECOND, TARGET_P99_MS,
					met ? "met" : "missed");
			out.flush();
			// then the worker, for a minute at most: its pace is the member reads'
			int stored = this.jdbc.queryForObject("SELECT COUNT(*) FROM webhook_event", Integer.class);
			long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
			while (waiting() > 0 && System.nanoTime() < deadline) {
				sleep();
			}
			double applying = (System.nanoTime() - start) / 1e9;
			int applied = stored - waiting();
			out.printf(Locale.ROOT,
					"webhook-bench %d of %d stored events applied %.1f s after the first (%.0f a second,"
							+ " each member read back from Mailchimp at %d ms a call, %d side by side)%n",
					applied, stored, applying, applied / applying, latencyMs, this.webhook.readers());
			return met;
		}
	}

	private int waiting() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM webhook_event WHERE applied_at IS NULL", Integer.class);
	}

	private static void sleep() {
		try {
			Thread.sleep(500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KaptaException("Interrupted while the events were applied");
		}
	}

	private static long percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	/** Signed deliveries as Mailchimp sends them, each body different, timed. */
	private final class Deliveries {

		private final URI endpoint;

		private final String secret;

		private final String audience;

		private final int contacts;

		private final AtomicInteger sent = new AtomicInteger();

		private final AtomicInteger refused = new AtomicInteger();

		private long[] recorded = new long[1 << 16];

		private int count;

		Deliveries(URI endpoint, String secret, String audience, int contacts) {
			this.endpoint = endpoint;
			this.secret = secret;
			this.audience = audience;
			this.contacts = contacts;
		}

		void deliver() {
			int n = this.sent.incrementAndGet();
			String email = "person" + (1 + n % this.contacts) + "@example.com";
			String body = ((n % 10 == 0) ? "type=unsubscribe&data[action]=unsub&data[reason]=manual"
					: "type=profile&data[merges][FNAME]=First" + n) + "&fired_at="
					+ URLEncoder.encode("2026-12-07 10:00:00", StandardCharsets.UTF_8) + "&data[id]=" + n
					+ "&data[email]=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&data[list_id]="
					+ this.audience;
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			HttpPost request = new HttpPost(this.endpoint);
			request.setHeader(WebhookSignature.HEADER,
					WebhookSignature.header(this.secret, Instant.now().getEpochSecond(), bytes));
			request.setEntity(new ByteArrayEntity(bytes, ContentType.APPLICATION_FORM_URLENCODED));
			long start = System.nanoTime();
			int status;
			try {
				status = WebhookBenchmark.this.http.execute(request, (response) -> {
					EntityUtils.consume(response.getEntity());
					return response.getCode();
				});
			}
			catch (IOException ex) {
				status = 0;
			}
			record((System.nanoTime() - start) / 1_000_000);
			if (status < 200 || status > 299) {
				this.refused.incrementAndGet();
			}
		}

		synchronized void record(long millis) {
			if (this.count == this.recorded.length) {
				this.recorded = Arrays.copyOf(this.recorded, this.count * 2);
			}
			this.recorded[this.count++] = millis;
		}

		synchronized void reset() {
			this.count = 0;
			this.refused.set(0);
		}

		synchronized long[] times() {
			long[] sorted = Arrays.copyOf(this.recorded, this.count);
			Arrays.sort(sorted);
			return sorted;
		}

		int refused() {
			return this.refused.get();
		}

	}

}
