package com.kapta.mailchimp.sandbox;

import com.kapta.mailchimp.mailchimp.WebhookSignature;

import java.time.Instant;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.mailchimp.MailchimpDescription;
import com.kapta.mailchimp.mailchimp.SubscriberHash;
import com.kapta.mailchimp.sandbox.MailchimpSandbox.RecordedExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sandbox's audience webhooks, as Mailchimp runs them, against a real receiver over
 * HTTP: the URL checked with a GET before a webhook is kept, one webhook per URL, form
 * deliveries per event type with Mailchimp's fields, signed with the secret shown once,
 * filtered by source (API calls are {@code api}; {@code X-Sandbox-Source} acts as the
 * person or the web app's user), retried until answered, and a 410 ending the webhook.
 */
class SandboxWebhooksTests {

	private MailchimpSandbox sandbox;

	private HttpServer receiver;

	/**
	 * What the receiver answers to deliveries (the check's GET always gets 200 unless
	 * told).
	 */
	private final AtomicInteger answer = new AtomicInteger(200);

	private final AtomicInteger checkAnswer = new AtomicInteger(200);

	private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

	private final List<RecordedExchange> exchanges = new CopyOnWriteArrayList<>();

	private record Delivery(String signature, String body) {

		Map<String, String> form() {
			Map<String, String> form = new LinkedHashMap<>();
			for (String pair : this.body.split("&")) {
				String[] parts = pair.split("=", 2);
				form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
						URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
			}
			return form;
		}

	}

	@BeforeEach
	void start() throws IOException {
		this.sandbox = MailchimpSandbox.start(SandboxOptions.defaults());
		this.sandbox.audience().webhookDeliveries(Duration.ofSeconds(2), 3, Duration.ofMillis(100));
		this.receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
		this.receiver.createContext("/hook", (exchange) -> {
			int status;
			if (exchange.getRequestMethod().equals("GET")) {
				status = this.checkAnswer.get();
			}
			else {
				// the answer decided before the test sees the delivery, which may change
				// it
				status = this.answer.get();
				this.deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("X-Mailchimp-Signature"),
						new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
			}
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		this.receiver.start();
		this.sandbox.record(this.exchanges::add);
	}

	@AfterEach
	void stop() {
		this.receiver.stop(0);
		this.sandbox.close();
		assertThat(MailchimpDescription.problems(this.exchanges)).as("as Mailchimp's description has them").isEmpty();
	}

	@Test
	void aWebhookIsKeptOnlyForAUrlThatAnswersAndOnlyOncePerUrl() throws Exception {
		this.checkAnswer.set(404);
		HttpResponse<String> refused = call("POST", webhooks(), "{\"url\":\"" + hook() + "\"}", null);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("HTTP Code: 404");

		this.checkAnswer.set(200);
		HttpResponse<String> created = call("POST", webhooks(), "{\"url\":\"" + hook()
				+ "\",\"events\":{\"subscribe\":true,\"unsubscribe\":true},\"sources\":{\"user\":true,\"admin\":true,\"api\":false}}",
				null);
		assertThat(created.statusCode()).isEqualTo(200);
		assertThat(field(created.body(), "signing_secret")).hasSize(64);
		assertThat(created.body()).contains("\"api\":false");

		HttpResponse<String> listed = call("GET", webhooks(), null, null);
		assertThat(listed.body()).contains(hook()).doesNotContain("signing_secret");
		assertThat(call("POST", webhooks(), "{\"url\":\"" + hook() + "?again=1\"}", null).body())
			.as("one webhook per URL, its query aside")
			.contains("multiple WebHooks");
		assertThat(call("POST", webhooks(), "{\"url\":\"ftp://example.com/x\"}", null).statusCode()).isEqualTo(400);

		String id = field(created.body(), "id");
		assertThat(call("DELETE", webhooks() + "/" + id, null, null).statusCode()).isEqualTo(204);
		assertThat(call("GET", webhooks() + "/" + id, null, null).statusCode()).isEqualTo(404);
	}

	@Test
	void aPersonsUnsubscribeArrivesSignedWithMailchimpsFields() throws Exception {
		this.sandbox.audience().putMember("ann@example.com", "subscribed");
		String secret = field(create("{\"user\":true,\"admin\":true,\"api\":false}"), "signing_secret");

		this.sandbox.audience().unsubscribe("ann@example.com");

		Delivery delivery = next();
		Map<String, String> form = delivery.form();
		assertThat(form).containsEntry("type", "unsubscribe")
			.containsEntry("data[action]", "unsub")
			.containsEntry("data[reason]", "manual")
			.containsEntry("data[email]", "ann@example.com")
			.containsEntry("data[id]", SubscriberHash.of("ann@example.com"))
			.containsEntry("data[list_id]", this.sandbox.audienceId())
			.containsKey("data[merges][EMAIL]");
		LocalDateTime.parse(form.get("fired_at"), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
		Matcher signature = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})").matcher(delivery.signature());
		assertThat(signature.matches()).as(delivery.signature()).isTrue();
		byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
		assertThat(WebhookSignature.valid(delivery.signature(), body, secret, Instant.now(), Duration.ofMinutes(5)))
			.isTrue();
		assertThat(WebhookSignature.valid(delivery.signature(), body, "another secret", Instant.now(),
				Duration.ofMinutes(5)))
			.isFalse();
	}

	@Test
	void apiCallsAreHeardOnlyWhenTheWebhookListensToTheApiAndTheSourceHeaderActsAsThePerson() throws Exception {
		this.sandbox.audience().putMember("bob@example.com", "subscribed");
		this.sandbox.audience().putMember("cy@example.com", "subscribed");
		create("{\"user\":true,\"admin\":true,\"api\":false}");

		String bob = this.sandbox.baseUrl() + "/lists/" + this.sandbox.audienceId() + "/members/bob@example.com";
		assertThat(call("PATCH", bob, "{\"status\":\"unsubscribed\"}", null).statusCode()).isEqualTo(200);
		String cy = bob.replace("bob@", "cy@");
		assertThat(call("PATCH", cy, "{\"email_address\":\"cy.new@example.org\"}", "user").statusCode()).isEqualTo(200);

		Map<String, String> upemail = next().form();
		assertThat(upemail).containsEntry("type", "upemail")
			.containsEntry("data[old_email]", "cy@example.com")
			.containsEntry("data[new_email]", "cy.new@example.org")
			.containsEntry("data[new_id]", SubscriberHash.of("cy.new@example.org"))
			.doesNotContainKeys("data[id]", "data[email]");
		assertThat(this.deliveries.poll(500, TimeUnit.MILLISECONDS)).as("the API's own unsubscribe is not heard")
			.isNull();
		assertThat(call("PATCH", cy.replace("cy@example.com", "cy.new@example.org"), "{}", "robot").statusCode())
			.isEqualTo(400);
	}

	@Test
	void aCleanedAddressAndAnAdminsEditEachFireTheirEvent() throws Exception {
		this.sandbox.audience().putMember("dee@example.com", "subscribed");
		this.sandbox.audience().putMember("eve@example.com", "subscribed");
		create("{\"user\":false,\"admin\":true,\"api\":false}");

		this.sandbox.audience().bounce("dee@example.com");
		Map<String, String> cleaned = next().form();
		assertThat(cleaned).containsEntry("type", "cleaned")
			.containsEntry("data[reason]", "hard")
			.containsEntry("data[email]", "dee@example.com")
			.doesNotContainKey("data[id]");

		this.sandbox.audience().rename("eve@example.com", "Eve", "Adams");
		assertThat(next().form()).containsEntry("type", "profile").containsEntry("data[merges][LNAME]", "Adams");
		this.sandbox.audience().unsubscribe("eve@example.com");
		assertThat(this.deliveries.poll(500, TimeUnit.MILLISECONDS)).as("the webhook does not listen to users")
			.isNull();
	}

	@Test
	void onADoubleOptInAudienceAPendingMemberWhoConfirmsIsHeardAsASubscribe() throws Exception {
		String list = this.sandbox.baseUrl() + "/lists/" + this.sandbox.audienceId();
		assertThat(call("GET", list, null, null).body()).contains("\"double_optin\":false");
		this.sandbox.audience().setDoubleOptIn(true);
		assertThat(call("GET", list, null, null).body()).contains("\"double_optin\":true");
		assertThat(call("GET", this.sandbox.baseUrl() + "/lists", null, null).body()).contains("\"double_optin\":true");
		create("{\"user\":true,\"admin\":true,\"api\":true}");

		assertThat(call("PUT", list + "/members/" + SubscriberHash.of("hal@example.com"),
				"{\"email_address\":\"hal@example.com\",\"status_if_new\":\"pending\"}", null)
			.statusCode()).isEqualTo(200);
		assertThat(this.deliveries.poll(500, TimeUnit.MILLISECONDS)).as("pending: not subscribed yet").isNull();
		this.sandbox.audience().confirm("hal@example.com");

		assertThat(next().form()).containsEntry("type", "subscribe").containsEntry("data[email]", "hal@example.com");
		assertThat(this.sandbox.audience().member("hal@example.com").orElseThrow().status()).isEqualTo("subscribed");
	}

	@Test
	void anUnansweredDeliveryIsRetriedAndA410EndsTheWebhook() throws Exception {
		this.sandbox.audience().putMember("fay@example.com", "subscribed");
		this.sandbox.audience().putMember("gus@example.com", "subscribed");
		String id = field(create("{\"user\":true,\"admin\":true,\"api\":true}"), "id");

		this.answer.set(500);
		this.sandbox.audience().unsubscribe("fay@example.com");
		Delivery first = next();
		this.answer.set(200);
		Delivery retried = next();
		assertThat(retried.body()).as("the same event again").isEqualTo(first.body());
		assertThat(this.deliveries.poll(500, TimeUnit.MILLISECONDS)).as("answered: no more tries").isNull();

		this.answer.set(410);
		this.sandbox.audience().unsubscribe("gus@example.com");
		next();
		assertThat(this.deliveries.poll(500, TimeUnit.MILLISECONDS)).as("410: never retried").isNull();
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.sandbox.audience().webhookEnabled(id));
		this.sandbox.audience().archive("fay@example.com");
		assertThat(this.deliveries.poll(500, TimeUnit.MILLISECONDS)).as("a disabled webhook hears nothing").isNull();
	}

	private String create(String sources) throws Exception {
		HttpResponse<String> created = call("POST", webhooks(),
				"{\"url\":\"" + hook() + "\",\"events\":{\"subscribe\":true,\"unsubscribe\":true,\"profile\":true,"
						+ "\"cleaned\":true,\"upemail\":true,\"campaign\":false},\"sources\":" + sources + "}",
				null);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		return created.body();
	}

	private Delivery next() throws InterruptedException {
		Delivery delivery = this.deliveries.poll(5, TimeUnit.SECONDS);
		assertThat(delivery).as("a delivery within 5 s").isNotNull();
		return delivery;
	}

	private String hook() {
		return "http://127.0.0.1:" + this.receiver.getAddress().getPort() + "/hook";
	}

	private String webhooks() {
		return this.sandbox.baseUrl() + "/lists/" + this.sandbox.audienceId() + "/webhooks";
	}

	private HttpResponse<String> call(String method, String url, String json, String source) throws Exception {
		return SandboxCalls.send(this.sandbox, method, url, json, source);
	}

	private static String field(String json, String name) {
		return SandboxCalls.field(json, name);
	}

}
