package com.kapta.mailchimp.sandbox;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.mailchimp.SubscriberHash;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the sandbox does for callers other than our client: the limits it enforces, raw
 * over HTTP.
 */
class MailchimpSandboxTests {

	private final MailchimpSandbox sandbox = MailchimpSandbox
		.start(new SandboxOptions(0, null, "Kapta Contacts", List.of("Admin User", "Champion"), 0, 0.0, 10, 5, 7));

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void startsWithTheSeededMembersAndTagsAndAGeneratedKey() {
		assertThat(this.sandbox.apiKey()).matches("[0-9a-f]{32}-us1");
		assertThat(this.sandbox.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/3\\.0");
		assertThat(this.sandbox.audience().tagNames()).containsExactly("Admin User", "Champion");
		assertThat(this.sandbox.audience().members()).hasSize(5)
			.allSatisfy((member) -> assertThat(member.status()).isEqualTo("subscribed"));
	}

	@Test
	void moreThan500MembersInOneCallIsAnInvalidResourceAndChangesNothing() throws Exception {
		String members = IntStream.range(0, 501)
			.mapToObj((i) -> "{\"email_address\":\"p" + i + "@example.com\",\"status\":\"subscribed\"}")
			.collect(Collectors.joining(","));
		String emails = IntStream.range(0, 501)
			.mapToObj((i) -> "\"p" + i + "@example.com\"")
			.collect(Collectors.joining(","));

		var subscribe = post("/lists/" + this.sandbox.audienceId(), "{\"members\":[" + members + "]}");
		var tag = post("/lists/" + this.sandbox.audienceId() + "/segments/1001",
				"{\"members_to_add\":[" + emails + "]}");

		assertThat(subscribe.statusCode()).isEqualTo(400);
		assertThat(subscribe.body()).contains("\"title\":\"Invalid Resource\"", "\"field\":\"members\"");
		assertThat(subscribe.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(tag.statusCode()).isEqualTo(400);
		assertThat(this.sandbox.audience().size()).isEqualTo(5);
	}

	@Test
	void pagesOfMoreThan1000AreRefusedAndFieldsFilterTheAnswer() throws Exception {
		var tooBig = get("/lists/" + this.sandbox.audienceId() + "/members?count=1001");
		var filtered = get("/lists/" + this.sandbox.audienceId()
				+ "/members?count=2&offset=1&fields=members.email_address,total_items");
		var excluded = get("/lists/" + this.sandbox.audienceId()
				+ "/members?count=1&exclude_fields=members.tags,members.merge_fields,_links");

		assertThat(tooBig.statusCode()).isEqualTo(400);
		assertThat(filtered.body()).contains(
				"\"members\":[{\"email_address\":\"member1@example.com\"},{\"email_address\":\"member2@example.com\"}]",
				"\"total_items\":5")
			.doesNotContain("status", "list_id");
		assertThat(excluded.body()).contains("\"status\":\"subscribed\"").doesNotContain("tags\":[", "merge_fields");
	}

	@Test
	void acceptsTheKeyAsBearerTokenAndRefusesOthers() throws Exception {
		var bearer = this.http.send(HttpRequest.newBuilder(URI.create(this.sandbox.baseUrl() + "/ping"))
			.header("Authorization", "Bearer " + this.sandbox.apiKey())
			.build(), HttpResponse.BodyHandlers.ofString());
		var none = this.http.send(HttpRequest.newBuilder(URI.create(this.sandbox.baseUrl() + "/ping")).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(bearer.statusCode()).isEqualTo(200);
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(get("/lists/nope/members").statusCode()).isEqualTo(404);
		assertThat(get("/campaigns").statusCode()).isEqualTo(404);
		assertThat(this.sandbox.stats().totalWrites()).isZero();
	}

	@Test
	void deleteArchivesAMemberAsLiveMailchimpDoesAndThePlainListLeavesArchivedMembersOut() throws Exception {
		String list = "/lists/" + this.sandbox.audienceId() + "/members";
		var deleted = this.http.send(authorized(list + "/" + SubscriberHash.of("member1@example.com")).DELETE().build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(deleted.statusCode()).isEqualTo(204);
		assertThat(this.sandbox.audience().member("member1@example.com"))
			.hasValueSatisfying((member) -> assertThat(member.status()).isEqualTo("archived"));
		assertThat(get(list + "?count=10").body()).doesNotContain("member1@example.com").contains("\"total_items\":4");
		assertThat(get(list + "?count=10&status=archived").body()).contains("member1@example.com", "\"total_items\":1");
		assertThat(get(list + "?status=gone").statusCode()).isEqualTo(400);
	}

	@Test
	void lastChangedFiltersWholeSecondsAndMovesForFieldsButNotForTags() throws Exception {
		String list = "/lists/" + this.sandbox.audienceId() + "/members";
		String before = lastChanged("member0@example.com");
		Thread.sleep(1_100); // last_changed has whole seconds
		post("/lists/" + this.sandbox.audienceId() + "/segments/1001",
				"{\"members_to_add\":[\"member0@example.com\",\"member2@example.com\"]}");
		var updated = post("/lists/" + this.sandbox.audienceId(),
				"{\"update_existing\":true,\"members\":"
						+ "[{\"email_address\":\"member3@example.com\",\"status\":\"subscribed\","
						+ "\"merge_fields\":{\"FNAME\":\"Changed\"}}]}");
		assertThat(updated.statusCode()).isEqualTo(200);
		assertThat(updated.body()).contains("\"total_updated\":1");

		String since = URLEncoder.encode(before, StandardCharsets.UTF_8);
		assertThat(lastChanged("member0@example.com")).as("a tag change leaves last_changed").isEqualTo(before);
		assertThat(emails(get(list + "?count=10&since_last_changed=" + since).body()))
			.as("since_last_changed is exclusive: only the member whose fields changed")
			.containsExactly("member3@example.com");
		assertThat(emails(get(list + "?count=10&before_last_changed=" + since).body()))
			.as("before_last_changed is inclusive")
			.containsExactly("member0@example.com", "member1@example.com", "member2@example.com",
					"member4@example.com");
		assertThat(emails(get(list + "?count=2&sort_field=last_changed&sort_dir=DESC").body()))
			.containsExactly("member3@example.com", "member0@example.com");
		assertThat(get(list + "?since_last_changed=yesterday").statusCode()).isEqualTo(400);
	}

	/**
	 * A tag's member list as live Mailchimp gives it: archived members never, the
	 * unsubscribed, cleaned and transactional ones only when asked, and then a
	 * {@code total_items} that undercounts; a member's tags are not in it.
	 */
	@Test
	void aTagsMemberListLeavesOutWhatMailchimpLeavesOutAndUndercountsWithTheIncludeFlags() throws Exception {
		var audience = this.sandbox.audience();
		audience.putMember("sub@example.com", "subscribed", "VIP");
		audience.putMember("unsub@example.com", "unsubscribed", "VIP");
		audience.putMember("clean@example.com", "cleaned", "VIP");
		audience.putMember("trans@example.com", "transactional", "VIP");
		audience.putMember("pend@example.com", "pending", "VIP");
		audience.putMember("arch@example.com", "archived", "VIP");
		audience.putMember("other@example.com", "subscribed", "Champion");
		long vip = audience.createTagIfMissing("VIP");
		String members = "/lists/" + this.sandbox.audienceId() + "/segments/" + vip + "/members";

		var plain = get(members + "?count=1000");
		assertThat(plain.statusCode()).isEqualTo(200);
		assertThat(emails(plain.body())).containsExactly("sub@example.com", "pend@example.com");
		assertThat(plain.body()).contains("\"total_items\":2").doesNotContain("\"tags\"");
		var all = get(members + "?count=2&offset=0&include_unsubscribed=true&include_cleaned=true"
				+ "&include_transactional=true");
		assertThat(emails(all.body())).containsExactly("sub@example.com", "unsub@example.com");
		assertThat(all.body()).as("with the flags, total_items undercounts").contains("\"total_items\":2");
		assertThat(emails(get(members + "?count=10&offset=2&include_unsubscribed=true&include_cleaned=true"
				+ "&include_transactional=true")
			.body())).containsExactly("clean@example.com", "trans@example.com", "pend@example.com");
		assertThat(emails(get(members + "?count=10&include_cleaned=true").body())).containsExactly("sub@example.com",
				"clean@example.com", "pend@example.com");
		assertThat(get("/lists/" + this.sandbox.audienceId() + "/segments/999999/members").statusCode()).isEqualTo(404);
		assertThat(get(members + "?count=1001").statusCode()).isEqualTo(400);
	}

	/**
	 * A tag's member list follows every change that moves a member onto it or off it,
	 * made through the API or as a user would in Mailchimp's web app.
	 */
	@Test
	void aTagsMemberListFollowsTheChangesMadeAfterItWasRead() throws Exception {
		var audience = this.sandbox.audience();
		audience.putMember("a@example.com", "subscribed", "VIP");
		audience.putMember("b@example.com", "subscribed");
		audience.putMember("c@example.com", "subscribed", "VIP");
		long vip = audience.createTagIfMissing("VIP");
		String members = "/lists/" + this.sandbox.audienceId() + "/segments/" + vip + "/members?count=1000";
		assertThat(emails(get(members).body())).containsExactly("a@example.com", "c@example.com");

		assertThat(post("/lists/" + this.sandbox.audienceId() + "/segments/" + vip,
				"{\"members_to_add\":[\"b@example.com\"],\"members_to_remove\":[\"a@example.com\"]}")
			.statusCode()).isEqualTo(200);
		assertThat(emails(get(members).body())).containsExactly("b@example.com", "c@example.com");

		audience.archive("c@example.com");
		audience.tagMember("a@example.com", "VIP", true);
		audience.changeEmail("b@example.com", "bee@example.com");
		assertThat(emails(get(members).body())).containsExactly("a@example.com", "bee@example.com");

		audience.forget("a@example.com");
		audience.putMember("d@example.com", "subscribed", "VIP");
		assertThat(emails(get(members).body())).containsExactly("bee@example.com", "d@example.com");
	}

	@Test
	void largeMemberPagesCanBeMadeToTimeOutWhileSmallerOnesSucceed() throws Exception {
		String list = "/lists/" + this.sandbox.audienceId() + "/members";
		this.sandbox.setPageTimeouts(500, 1.0);

		assertThat(get(list + "?count=1000").statusCode()).isEqualTo(504);
		assertThat(get(list + "?count=500").statusCode()).isEqualTo(200);
		assertThat(get("/lists/" + this.sandbox.audienceId() + "/segments?count=1000").statusCode()).isEqualTo(200);
		assertThat(get("/lists/" + this.sandbox.audienceId() + "/segments/1001/members?count=1000").statusCode())
			.as("a tag's member pages too")
			.isEqualTo(504);
		this.sandbox.setPageTimeouts(500, 0);
		assertThat(get(list + "?count=1000").statusCode()).isEqualTo(200);
	}

	private String lastChanged(String email) throws Exception {
		String body = get("/lists/" + this.sandbox.audienceId() + "/members/" + SubscriberHash.of(email)).body();
		Matcher time = Pattern.compile("\"last_changed\":\"([^\"]+)\"").matcher(body);
		assertThat(time.find()).isTrue();
		return time.group(1);
	}

	private static List<String> emails(String body) {
		Matcher email = Pattern.compile("\"email_address\":\"([^\"]+)\"").matcher(body);
		List<String> emails = new ArrayList<>();
		while (email.find()) {
			emails.add(email.group(1));
		}
		return emails;
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(authorized(path).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return this.http.send(authorized(path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder authorized(String path) {
		String basic = Base64.getEncoder().encodeToString(("any:" + this.sandbox.apiKey()).getBytes());
		return HttpRequest.newBuilder(URI.create(this.sandbox.baseUrl() + path))
			.header("Authorization", "Basic " + basic);
	}

}
