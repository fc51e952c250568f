package com.kapta.mailchimp.mailchimp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.MailchimpSandbox.RecordedExchange;
import com.kapta.mailchimp.sandbox.SandboxCalls;
import com.kapta.mailchimp.sandbox.SandboxOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Both sides against Mailchimp's own API description (trimmed copy in
 * src/test/resources/mailchimp): every request the client sends and every answer the
 * sandbox gives, errors included.
 */
class MailchimpContractTests {

	private final List<RecordedExchange> exchanges = new CopyOnWriteArrayList<>();

	private MailchimpSandbox sandbox;

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
			assertThat(client.members(list, MemberQuery.ofTag(tag.id()), 0, 1000, true).members())
				.extracting(Member::emailAddress)
				.containsExactly("ann@example.com");
		}
		archive(list(), "bob@example.com");
		try (MailchimpClient wrongKey = new MailchimpClient(URI.create(this.sandbox.baseUrl()),
				"ffffffffffffffffffffffffffffffff-us1", MailchimpClientTests.FAST_RETRIES, MailchimpJson.mapper())) {
			assertThatThrownBy(wrongKey::ping).isInstanceOf(AuthenticationException.class);
		}

		assertThat(this.exchanges).hasSize(16);
		assertThat(problems()).isEmpty();
	}

	/**
	 * The member calls a person or another tool makes (Kapta's jobs do not), written as
	 * Mailchimp's reference and its clients send them: add or update, tag, change the
	 * address, archive, delete for good; each answered as Mailchimp answers, refusals
	 * included, and each request and answer as Mailchimp's description has them.
	 */
	@Test
	void theSandboxServesTheMemberCallsOfOtherToolsWithMailchimpsRefusals() throws Exception {
		this.sandbox = MailchimpSandbox.start(SandboxOptions.defaults().withTags(List.of("Champion")));
		this.sandbox.audience().putMember("bounced@example.com", "cleaned");
		this.sandbox.audience().putMember("left@example.com", "unsubscribed");
		this.sandbox.audience().putMember("taken@example.com", "subscribed");
		this.sandbox.record(this.exchanges::add);
		String members = "/lists/" + list() + "/members/";
		String ann = members + SubscriberHash.of("ann@example.com");

		assertThat(call("PUT", ann,
				"{\"email_address\":\"Ann@Example.com\",\"status_if_new\":\"subscribed\","
						+ "\"merge_fields\":{\"FNAME\":\"Ann\",\"LNAME\":\"Lee\"}}")
			.statusCode()).as("added").isEqualTo(200);
		assertThat(call("PUT", ann,
				"{\"email_address\":\"ann@example.com\",\"status_if_new\":\"pending\","
						+ "\"merge_fields\":{\"FNAME\":\"Anne\"}}")
			.statusCode()).as("updated, its status kept").isEqualTo(200);
		String lastChanged = lastChanged(call("GET", ann, null));
		Thread.sleep(1100);
		assertThat(call("POST", ann + "/tags",
				"{\"tags\":[{\"name\":\"Champion\",\"status\":\"active\"},"
						+ "{\"name\":\"Brand New\",\"status\":\"active\"}],\"is_syncing\":false}")
			.statusCode()).isEqualTo(204);
		assertThat(call("POST", ann + "/tags", "{\"tags\":[{\"name\":\"champion\",\"status\":\"inactive\"}]}")
			.statusCode()).isEqualTo(204);
		assertThat(this.sandbox.audience().member("ann@example.com")).hasValueSatisfying((member) -> {
			assertThat(member.status()).isEqualTo("subscribed");
			assertThat(member.firstName()).isEqualTo("Anne");
			assertThat(member.tags()).containsExactly("Brand New");
		});
		assertThat(lastChanged(call("GET", ann, null))).as("a tag change does not move last_changed")
			.isEqualTo(lastChanged);

		HttpResponse<String> moved = call("PATCH", members + "ann@example.com",
				"{\"email_address\":\"ann.lee@example.org\",\"merge_fields\":{\"LNAME\":\"Lee-Smith\"}}");
		assertThat(moved.statusCode()).as("an address changed, the path naming the member by email").isEqualTo(200);
		assertThat(moved.body()).contains("\"id\":\"" + SubscriberHash.of("ann.lee@example.org") + "\"");
		assertThat(call("GET", ann, null).statusCode()).as("the old address is no member").isEqualTo(404);
		assertThat(this.sandbox.audience().member("ann.lee@example.org").orElseThrow().tags())
			.containsExactly("Brand New");

		assertThat(problem(call("PATCH", members + "ann.lee@example.org", "{\"email_address\":\"taken@example.com\"}")))
			.isEqualTo("400 Member Exists");
		assertThat(problem(call("PATCH", members + "bounced@example.com", "{\"status\":\"subscribed\"}")))
			.as("a cleaned address is not subscribed again")
			.isEqualTo("400 Member In Compliance State");
		assertThat(problem(call("PUT", members + SubscriberHash.of("left@example.com"),
				"{\"email_address\":\"left@example.com\",\"status_if_new\":\"subscribed\",\"status\":\"subscribed\"}")))
			.as("nor is an unsubscribed one")
			.isEqualTo("400 Member In Compliance State");
		assertThat(call("PATCH", members + "left@example.com", "{\"status\":\"pending\"}").statusCode())
			.as("it may be asked to confirm")
			.isEqualTo(200);
		assertThat(
				problem(call("PUT", ann, "{\"email_address\":\"bob@example.com\",\"status_if_new\":\"subscribed\"}")))
			.as("the address is not the path's")
			.isEqualTo("400 Invalid Resource");
		assertThat(problem(call("PUT", members + SubscriberHash.of("x@fake.invalid"),
				"{\"email_address\":\"x@fake.invalid\",\"status_if_new\":\"subscribed\"}")))
			.isEqualTo("400 Invalid Resource");
		assertThat(problem(call("POST", members + "nobody@example.com/tags",
				"{\"tags\":[{\"name\":\"Champion\",\"status\":\"active\"}]}")))
			.isEqualTo("404 Resource Not Found");

		String taken = members + SubscriberHash.of("taken@example.com");
		assertThat(call("DELETE", taken, null).statusCode()).as("archived").isEqualTo(204);
		assertThat(this.sandbox.audience().member("taken@example.com").orElseThrow().status()).isEqualTo("archived");
		assertThat(problem(call("DELETE", taken, null))).as("not twice").isEqualTo("405 Method Not Allowed");
		assertThat(problem(call("DELETE", members + "bounced@example.com", null))).isEqualTo("405 Method Not Allowed");
		assertThat(call("PUT", taken,
				"{\"email_address\":\"taken@example.com\",\"status_if_new\":\"subscribed\",\"status\":\"subscribed\"}")
			.statusCode()).as("an archived member comes back").isEqualTo(200);
		assertThat(call("POST", taken + "/actions/delete-permanent", null).statusCode()).isEqualTo(204);
		assertThat(this.sandbox.audience().member("taken@example.com")).isEmpty();
		assertThat(problem(
				call("PUT", taken, "{\"email_address\":\"taken@example.com\",\"status_if_new\":\"subscribed\"}")))
			.as("a permanently deleted address never comes back")
			.isEqualTo("400 Forgotten Email Not Subscribed");

		assertThat(problems()).isEmpty();
	}

	/**
	 * Kapta's webhook calls: list, create (after Mailchimp's check of the address) with
	 * the signing secret in the answer once, refuse a second for the same address,
	 * delete, and a delete of one gone already taken as done.
	 */
	@Test
	void kaptasWebhookCallsFollowMailchimpsDescription() throws Exception {
		this.sandbox = MailchimpSandbox.start(SandboxOptions.defaults());
		HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		receiver.createContext("/", (exchange) -> {
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		receiver.start();
		this.sandbox.record(this.exchanges::add);
		try (MailchimpClient client = new MailchimpClient(URI.create(this.sandbox.baseUrl()), this.sandbox.apiKey(),
				MailchimpClientTests.FAST_RETRIES, MailchimpJson.mapper())) {
			String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/mailchimp/t0k3n";
			Map<String, Boolean> events = Map.of("subscribe", true, "unsubscribe", true, "profile", false, "cleaned",
					true, "upemail", true, "campaign", false);
			Map<String, Boolean> sources = Map.of("user", true, "admin", true, "api", false);
			Webhook created = client.createWebhook(list(), url, events, sources);
			assertThat(created.signingSecret()).isNotBlank();
			assertThat(created.sends(events, sources)).isTrue();
			assertThat(created.sends(Map.of("profile", true), sources)).isFalse();
			assertThatThrownBy(() -> client.createWebhook(list(), url, events, sources))
				.isInstanceOf(InvalidResourceException.class);
			assertThat(client.webhooks(list())).singleElement().satisfies((listed) -> {
				assertThat(listed.url()).isEqualTo(url);
				assertThat(listed.signingSecret()).as("shown once only").isNull();
			});
			client.deleteWebhook(list(), created.id());
			client.deleteWebhook(list(), created.id());
			assertThat(client.webhooks(list())).isEmpty();
		}
		finally {
			receiver.stop(0);
		}
		assertThat(this.exchanges).hasSize(6);
		assertThat(problems()).isEmpty();
	}

	/** A request as Mailchimp's clients send it (Basic, any user name, the key). */
	private HttpResponse<String> call(String method, String path, String json) throws Exception {
		return SandboxCalls.send(this.sandbox, method, this.sandbox.baseUrl() + path, json, null);
	}

	private static String lastChanged(HttpResponse<String> member) {
		return SandboxCalls.field(member.body(), "last_changed");
	}

	/** A refusal's status and Mailchimp's title for it. */
	private static String problem(HttpResponse<String> answer) {
		assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		Matcher title = Pattern.compile("\"title\":\"([^\"]*)\"").matcher(answer.body());
		return answer.statusCode() + " " + (title.find() ? title.group(1) : "(no title)");
	}

	/**
	 * What of the recorded requests and answers Mailchimp's description does not allow.
	 */
	private List<String> problems() {
		return MailchimpDescription.problems(this.exchanges);
	}

	/**
	 * Archives a member as Mailchimp's API does it (the client never archives anyone).
	 */
	private void archive(String list, String email) throws Exception {
		assertThat(call("DELETE", "/lists/" + list + "/members/" + SubscriberHash.of(email), null).statusCode())
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

		assertThat(MailchimpDescription.problems(List.of(exchange)))
			.anySatisfy((message) -> assertThat(message).contains("maybe"))
			.anySatisfy((message) -> assertThat(message).contains("gone"));
	}

}
