package com.kapta.mailchimp.mailchimp;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.MailchimpSandbox.RecordedExchange;
import com.kapta.mailchimp.sandbox.SandboxOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Both sides against Mailchimp's own API description (trimmed copy in
 * src/test/resources/mailchimp): every request the client sends and every answer the
 * sandbox gives, errors included.
 */
class MailchimpContractTests {

	private static OpenApiInteractionValidator validator;

	private final List<RecordedExchange> exchanges = new CopyOnWriteArrayList<>();

	private MailchimpSandbox sandbox;

	@BeforeAll
	static void loadDescription() throws IOException {
		try (InputStream spec = MailchimpContractTests.class
			.getResourceAsStream("/mailchimp/marketing-api-trimmed.json")) {
			validator = OpenApiInteractionValidator
				.createForInlineApiSpecification(new String(spec.readAllBytes(), StandardCharsets.UTF_8))
				.build();
		}
	}

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void everyRequestAndAnswerFollowsMailchimpsDescription() throws Exception {
		this.sandbox = MailchimpSandbox.start(SandboxOptions.defaults().withTags(List.of("Admin User", "Champion")));
		this.sandbox.audience().putMember("old@example.com", "archived", "Champion");
		this.sandbox.audience()
			.putMember("busy@example.com", "subscribed",
					IntStream.range(0, 60).mapToObj((i) -> "T" + i).toArray(String[]::new));
		this.sandbox.audience().forget("gone@example.com");
		this.sandbox.record(this.exchanges::add);
		try (MailchimpClient client = new MailchimpClient(URI.create(this.sandbox.baseUrl()), this.sandbox.apiKey(),
				MailchimpClientTests.FAST_RETRIES, MailchimpJson.mapper())) {
			String list = this.sandbox.audienceId();
			client.ping();
			client.audiences();
			client.batchSubscribe(list,
					List.of(new NewMember("ann@example.com", "subscribed", "Ann", "Lee"),
							new NewMember("bob@example.com", "subscribed", "Bob", null),
							new NewMember("old@example.com", "subscribed", null, null),
							new NewMember("gone@example.com", "subscribed", null, null),
							new NewMember("x@fake.invalid", "pending", null, "Only Last")),
					false);
			client.members(list, 0, 1000);
			client.members(list, MemberQuery.tags("archived"), 0, 1000, true);
			client.members(list, MemberQuery.changedSince(Instant.now().minusSeconds(60)), 0, 1000, true);
			client.memberTags(list, "busy@example.com");
			client.member(list, "ann@example.com");
			client.member(list, "nobody@example.com");
			Segment tag = client.createTag(list, "New Tag");
			assertThatThrownBy(() -> client.createTag(list, "new tag")).isInstanceOf(InvalidResourceException.class);
			client.tags(list);
			client.updateTagMembers(list, tag.id(), List.of("ann@example.com", "stranger@example.com"),
					List.of("bob@example.com"));
		}
		archive(list(), "bob@example.com");
		try (MailchimpClient wrongKey = new MailchimpClient(URI.create(this.sandbox.baseUrl()),
				"ffffffffffffffffffffffffffffffff-us1", MailchimpClientTests.FAST_RETRIES, MailchimpJson.mapper())) {
			assertThatThrownBy(wrongKey::ping).isInstanceOf(AuthenticationException.class);
		}

		List<String> problems = new ArrayList<>();
		for (RecordedExchange exchange : this.exchanges) {
			ValidationReport report = validator.validate(request(exchange), response(exchange));
			report.getMessages()
				.forEach((message) -> problems.add(exchange.method() + " " + exchange.path() + " -> "
						+ exchange.status() + ": " + message.getKey() + " " + message.getMessage()));
		}
		assertThat(this.exchanges).hasSize(15);
		assertThat(problems).isEmpty();
	}

	/**
	 * Archives a member as Mailchimp's API does it (the client never archives anyone).
	 */
	private void archive(String list, String email) throws Exception {
		String basic = Base64.getEncoder()
			.encodeToString(("any:" + this.sandbox.apiKey()).getBytes(StandardCharsets.UTF_8));
		var request = HttpRequest
			.newBuilder(URI.create(this.sandbox.baseUrl() + "/lists/" + list + "/members/" + SubscriberHash.of(email)))
			.header("Authorization", "Basic " + basic)
			.DELETE()
			.build();
		assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode())
			.isEqualTo(204);
	}

	private String list() {
		return this.sandbox.audienceId();
	}

	@Test
	void theDescriptionCatchesWhatMailchimpWouldNotSendOrAccept() {
		this.sandbox = MailchimpSandbox.start(SandboxOptions.defaults());
		var exchange = new RecordedExchange("POST", "/3.0/lists/abc", null,
				Map.of("Authorization", "Basic eDp5", "Content-Type", "application/json"),
				"{\"members\":[{\"email_address\":\"a@b.com\",\"status\":\"maybe\"}]}".getBytes(StandardCharsets.UTF_8),
				200, "application/json",
				"{\"new_members\":[{\"status\":\"gone\",\"tags\":\"none\"}]}".getBytes(StandardCharsets.UTF_8));

		ValidationReport report = validator.validate(request(exchange), response(exchange));

		assertThat(report.getMessages()).extracting(ValidationReport.Message::getMessage)
			.anySatisfy((message) -> assertThat(message).contains("maybe"))
			.anySatisfy((message) -> assertThat(message).contains("gone"));
	}

	private static Request request(RecordedExchange exchange) {
		var builder = new SimpleRequest.Builder(Request.Method.valueOf(exchange.method()), exchange.path());
		exchange.headers().forEach(builder::withHeader);
		if (exchange.rawQuery() != null) {
			for (String pair : exchange.rawQuery().split("&")) {
				String[] parts = pair.split("=", 2);
				builder.withQueryParam(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
						parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
			}
		}
		if (exchange.requestBody().length > 0) {
			builder.withBody(new String(exchange.requestBody(), StandardCharsets.UTF_8));
		}
		return builder.build();
	}

	private static Response response(RecordedExchange exchange) {
		var builder = SimpleResponse.Builder.status(exchange.status());
		if (exchange.contentType() != null) {
			builder.withContentType(exchange.contentType());
		}
		if (exchange.responseBody().length > 0) {
			builder.withBody(new String(exchange.responseBody(), StandardCharsets.UTF_8));
		}
		return builder.build();
	}

}
