package com.kapta.mailchimp.mailchimp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.bench.Concurrently;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Throttling, server errors, lost answers and the connection cap, over real HTTP. */
class MailchimpClientResilienceTests {

	private static final String KEY = "0123456789abcdef0123456789abcdef-us1";

	private static final MailchimpProperties PATIENT = new MailchimpProperties(10, Duration.ofSeconds(5),
			Duration.ofSeconds(30), 12, Duration.ofMillis(2), Duration.ofMillis(20));

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final LogLines log = new LogLines();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
		this.log.close();
	}

	@Test
	void injectedFaultsAreRetriedWithoutDuplicatingAnything() {
		MailchimpSandbox sandbox = sandbox(
				SandboxOptions.defaults().withApiKey(KEY).withFaultRate(0.3).withTags(List.of("VIP")));
		MailchimpClient client = client(sandbox, PATIENT);
		String list = sandbox.audienceId();
		long vip = client.tags(list).get(0).id();

		int created = 0;
		for (int batch = 0; batch < 8; batch++) {
			List<NewMember> members = IntStream.range(batch * 100, batch * 100 + 100)
				.mapToObj((i) -> new NewMember("p" + i + "@example.com", "subscribed", null, null))
				.toList();
			BatchSubscribeResult result = client.batchSubscribe(list, members, false);
			created += result.totalCreated();
			// a member created by an attempt whose answer was lost comes back as
			// existing, untouched
			assertThat(result.totalCreated()
					+ result.errors().stream().filter(BatchSubscribeResult.Error::contactExists).count())
				.isEqualTo(100);
			client.updateTagMembers(list, vip, members.stream().map(NewMember::emailAddress).toList(), List.of());
		}

		assertThat(sandbox.audience().size()).isEqualTo(800);
		assertThat(created).isLessThanOrEqualTo(800);
		assertThat(sandbox.audience().members())
			.allSatisfy((member) -> assertThat(member.tags()).containsExactly("VIP"));
		assertThat(sandbox.stats().faultCount()).isPositive();
		assertThat(client.calls().totalRetried()).isEqualTo(sandbox.stats().faultCount());
		assertThat(client.calls().totalRequests())
			.isEqualTo(sandbox.stats().requests().values().stream().mapToLong(Long::longValue).sum());
		assertThat(this.log.text()).contains("retry").doesNotContain(KEY).doesNotContain(KEY.substring(0, 32));
	}

	@Test
	void aBare403IsThrottlingAndRetryAfterIsHonoured() throws IOException {
		Scripted server = scripted(new Answer(403, ""),
				new Answer(429, "{\"title\":\"Too Many Requests\",\"status\":429}", "1"),
				new Answer(200, "{\"health_status\":\"Everything's Chimpy!\"}"));
		MailchimpClient client = client(server.url(), PATIENT);

		long start = System.nanoTime();
		assertThat(client.ping()).isEqualTo("Everything's Chimpy!");

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(client.calls().counts()).containsExactly(new ApiCalls.Count("GET /ping", 3, 1, 2, 0));
	}

	@Test
	void a403WithAProblemDocumentIsAnAuthenticationFailure() throws IOException {
		Scripted server = scripted(new Answer(403,
				"{\"title\":\"User Disabled\",\"status\":403,\"detail\":\"This account has been disabled.\"}"));
		MailchimpClient client = client(server.url(), PATIENT);

		assertThatThrownBy(client::ping).isInstanceOf(AuthenticationException.class)
			.hasMessageContaining("User Disabled");
		assertThat(client.calls().counts()).containsExactly(new ApiCalls.Count("GET /ping", 1, 0, 0, 1));
	}

	@Test
	void afterTheLastAttemptTheFailureCarriesTheLastProblemsTitle() throws IOException {
		Answer unavailable = new Answer(503, "{\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"Down\"}");
		Scripted server = scripted(unavailable, unavailable, unavailable, unavailable);
		MailchimpProperties threeAttempts = new MailchimpProperties(10, Duration.ofSeconds(5), Duration.ofSeconds(30),
				3, Duration.ofMillis(1), Duration.ofMillis(5));
		MailchimpClient client = client(server.url(), threeAttempts);

		assertThatThrownBy(client::ping).isInstanceOf(ServerErrorException.class)
			.hasMessageContaining("503 Service Unavailable");
		assertThat(client.calls().counts()).containsExactly(new ApiCalls.Count("GET /ping", 3, 0, 2, 1));
		assertThat(this.log.text()).contains("retry 1 of 2", "retry 2 of 2", "after 3 attempts").doesNotContain(KEY);
	}

	@Test
	void aSlowAnswerTimesOutAsATransportFailure() {
		MailchimpSandbox sandbox = sandbox(SandboxOptions.defaults().withApiKey(KEY).withLatency(1_000));
		MailchimpProperties impatient = new MailchimpProperties(10, Duration.ofSeconds(5), Duration.ofMillis(200), 2,
				Duration.ofMillis(1), Duration.ofMillis(5));

		assertThatThrownBy(client(sandbox, impatient)::ping).isInstanceOf(TransportException.class)
			.hasMessageContaining("GET /ping");
	}

	@Test
	void fiftyCallersNeverHoldMoreThanTenConnections() throws Exception {
		MailchimpSandbox sandbox = sandbox(SandboxOptions.defaults().withApiKey(KEY).withLatency(30));
		MailchimpClient client = client(sandbox, PATIENT);

		Concurrently.run(50, 4, client::ping);

		assertThat(sandbox.stats().maxInFlight()).isEqualTo(10);
		assertThat(sandbox.stats().refusedOverLimitCount()).isZero();
		assertThat(client.calls().totalRetried()).isZero();
	}

	@Test
	void aClientAllowedMoreConnectionsThanMailchimpIsThrottledAndStillSucceeds() throws Exception {
		MailchimpSandbox sandbox = sandbox(SandboxOptions.defaults().withApiKey(KEY).withLatency(30));
		MailchimpProperties greedy = new MailchimpProperties(25, Duration.ofSeconds(5), Duration.ofSeconds(30), 20,
				Duration.ofMillis(5), Duration.ofMillis(50));
		MailchimpClient client = client(sandbox, greedy);

		Concurrently.run(25, 4, client::ping);

		assertThat(sandbox.stats().refusedOverLimitCount()).isPositive();
		assertThat(client.calls().totalRetried()).isEqualTo(sandbox.stats().refusedOverLimitCount());
	}

	private MailchimpSandbox sandbox(SandboxOptions options) {
		MailchimpSandbox sandbox = MailchimpSandbox.start(options);
		this.resources.add(sandbox);
		return sandbox;
	}

	private MailchimpClient client(MailchimpSandbox sandbox, MailchimpProperties properties) {
		return client(sandbox.baseUrl(), properties);
	}

	private MailchimpClient client(String url, MailchimpProperties properties) {
		MailchimpClient client = new MailchimpClient(URI.create(url), KEY, properties, MailchimpJson.mapper());
		this.resources.add(0, client);
		return client;
	}

	private record Answer(int status, String body, String retryAfter) {

		Answer(int status, String body) {
			this(status, body, null);
		}

	}

	/**
	 * A server that gives the scripted answers in turn: for what the sandbox does not do
	 * (a bare 403).
	 */
	private record Scripted(HttpServer server) implements AutoCloseable {

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/3.0";
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

	private Scripted scripted(Answer... answers) throws IOException {
		Queue<Answer> script = new ConcurrentLinkedQueue<>(List.of(answers));
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
		server.createContext("/3.0", (exchange) -> {
			Answer answer = script.remove();
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			if (answer.retryAfter() != null) {
				exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
			}
			exchange.getResponseHeaders()
				.set("Content-Type", answer.status() == 200 ? "application/json" : "application/problem+json");
			exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		Scripted scripted = new Scripted(server);
		this.resources.add(scripted);
		return scripted;
	}

}
