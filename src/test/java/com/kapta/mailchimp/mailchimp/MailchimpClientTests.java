package com.kapta.mailchimp.mailchimp;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxMemberView;
import com.kapta.mailchimp.sandbox.SandboxOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every call of the client against the sandbox, over real HTTP. */
class MailchimpClientTests {

	static final MailchimpProperties FAST_RETRIES = new MailchimpProperties(10, Duration.ofSeconds(5),
			Duration.ofSeconds(30), 6, Duration.ofMillis(5), Duration.ofMillis(50));

	private MailchimpSandbox sandbox;

	private MailchimpClient client;

	private String list;

	@BeforeEach
	void start() {
		this.sandbox = MailchimpSandbox.start(SandboxOptions.defaults().withTags(List.of("Admin User", "Champion")));
		this.client = client(this.sandbox, FAST_RETRIES);
		this.list = this.sandbox.audienceId();
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.sandbox.close();
	}

	static MailchimpClient client(MailchimpSandbox sandbox, MailchimpProperties properties) {
		return new MailchimpClient(URI.create(sandbox.baseUrl()), sandbox.apiKey(), properties, MailchimpJson.mapper());
	}

	@Test
	void pingsAndListsTheAudiences() {
		assertThat(this.client.ping()).isEqualTo("Everything's Chimpy!");
		assertThat(this.client.audiences()).containsExactly(new Audience(this.list, "Kapta Contacts", false));
	}

	@Test
	void batchSubscribeAddsNewMembersAndLeavesExistingOnesAlone() {
		this.sandbox.audience().putMember("old@example.com", "unsubscribed", "Admin User");
		this.sandbox.audience().forget("gone@example.com");

		BatchSubscribeResult result = this.client.batchSubscribe(this.list,
				List.of(new NewMember("new@example.com", "subscribed", "Ann", "Lee"),
						new NewMember("OLD@example.com", "subscribed", "Changed", null),
						new NewMember("someone@fake.invalid", "subscribed", null, null),
						new NewMember("gone@example.com", "subscribed", null, null)),
				false);

		assertThat(result.newMembers()).extracting(Member::emailAddress).containsExactly("new@example.com");
		assertThat(result.newMembers().get(0).id()).isEqualTo(SubscriberHash.of("NEW@example.com"));
		assertThat(result.totalCreated()).isOne();
		assertThat(result.errors()).extracting(BatchSubscribeResult.Error::emailAddress)
			.containsExactly("OLD@example.com", "someone@fake.invalid", "gone@example.com");
		assertThat(result.errors().get(0).contactExists()).isTrue();
		assertThat(result.errors().get(1).error()).contains("looks fake or invalid");
		assertThat(result.errors().get(2).error()).contains("permanently deleted");
		assertThat(this.sandbox.audience().member("old@example.com"))
			.hasValue(new SandboxMemberView("old@example.com", "unsubscribed", null, null, List.of("Admin User")));
		assertThat(this.sandbox.audience().member("new@example.com"))
			.hasValue(new SandboxMemberView("new@example.com", "subscribed", "Ann", "Lee", List.of()));
	}

	@Test
	void callsOverMailchimpsCapsAreRefusedNotTruncated() {
		List<NewMember> tooMany = IntStream.range(0, 501)
			.mapToObj((i) -> new NewMember("p" + i + "@example.com", "subscribed", null, null))
			.toList();
		List<String> emails = tooMany.stream().map(NewMember::emailAddress).toList();

		assertThatThrownBy(() -> this.client.batchSubscribe(this.list, tooMany, false))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("501");
		assertThatThrownBy(() -> this.client.updateTagMembers(this.list, 1, emails, List.of()))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> this.client.members(this.list, 0, 1001)).isInstanceOf(IllegalArgumentException.class);
		assertThat(this.sandbox.stats().requests()).isEmpty();
	}

	@Test
	void pagesThroughMembersWithTheirTagsAndReadsArchivedOnesOnlyWhenAsked() {
		for (int i = 0; i < 2_345; i++) {
			this.sandbox.audience()
				.putMember("m" + i + "@example.com", i % 10 == 0 ? "archived" : "subscribed", "Champion");
		}

		List<Member> plain = readAll(MemberQuery.tags(null));
		List<Member> archived = readAll(MemberQuery.tags("archived"));

		assertThat(plain).as("live Mailchimp leaves archived members out of the plain list")
			.hasSize(2_345 - 235)
			.extracting(Member::status)
			.containsOnly("subscribed");
		assertThat(plain).extracting(Member::emailAddress).doesNotHaveDuplicates();
		assertThat(archived).hasSize(235).extracting(Member::emailAddress).doesNotHaveDuplicates();
		assertThat(archived.get(1)).satisfies((member) -> {
			assertThat(member.emailAddress()).isEqualTo("m10@example.com");
			assertThat(member.status()).isEqualTo("archived");
			assertThat(member.tags()).extracting(MemberTag::name).containsExactly("Champion");
			assertThat(member.tagsCount()).isOne();
			assertThat(member.mergeFields()).as("fields limited to what the jobs use").isNull();
		});
		assertThat(this.sandbox.stats().requests()).containsEntry("GET /lists/{list_id}/members", 4L);
	}

	private List<Member> readAll(MemberQuery query) {
		List<Member> all = new ArrayList<>();
		MemberPage page;
		do {
			page = this.client.members(this.list, query, all.size(), 1000, false);
			all.addAll(page.members());
		}
		while (!page.members().isEmpty() && all.size() < page.totalItems());
		assertThat(page.totalItems()).isEqualTo(all.size());
		return all;
	}

	@Test
	void membersWithMoreThanFiftyTagsGetTheirFullListFromTheTagsEndpoint() {
		String[] tags = IntStream.range(0, 1_234).mapToObj((i) -> "Tag " + i).toArray(String[]::new);
		this.sandbox.audience().putMember("busy@example.com", "subscribed", tags);

		Member member = this.client.members(this.list, 0, 10).members().get(0);

		assertThat(member.tags()).hasSize(50);
		assertThat(member.tagsCount()).isEqualTo(1_234);
		assertThat(member.hasMoreTagsThanShown()).isTrue();
		assertThat(this.client.memberTags(this.list, "busy@example.com")).extracting(MemberTag::name)
			.containsExactly(tags);
	}

	@Test
	void readsSingleMembersByAddressIgnoringCase() {
		this.sandbox.audience().putMember("unsub@example.com", "unsubscribed");

		assertThat(this.client.member(this.list, "nobody@example.com")).isEmpty();
		assertThat(this.client.member(this.list, "UNSUB@example.com"))
			.hasValueSatisfying((member) -> assertThat(member.status()).isEqualTo("unsubscribed"));
	}

	@Test
	void tagsAreStaticSegmentsAddedAndRemovedInBulk() {
		this.sandbox.audience().putMember("a@example.com", "subscribed");
		this.sandbox.audience().putMember("b@example.com", "cleaned", "Champion");

		Segment vip = this.client.createTag(this.list, "VIP");
		assertThatThrownBy(() -> this.client.createTag(this.list, "vip")).isInstanceOf(InvalidResourceException.class);
		assertThat(this.client.tags(this.list)).extracting(Segment::name)
			.containsExactly("Admin User", "Champion", "VIP");
		long champion = this.client.tags(this.list).get(1).id();

		SegmentUpdateResult added = this.client.updateTagMembers(this.list, vip.id(),
				List.of("a@example.com", "B@example.com", "stranger@example.com"), List.of());
		SegmentUpdateResult removed = this.client.updateTagMembers(this.list, champion, List.of(),
				List.of("b@example.com"));

		assertThat(added.totalAdded()).isEqualTo(2);
		assertThat(added.errors()).singleElement()
			.satisfies((error) -> assertThat(error.emailAddresses()).containsExactly("stranger@example.com"));
		assertThat(removed.totalRemoved()).isOne();
		assertThat(this.sandbox.audience().member("b@example.com").orElseThrow().tags()).containsExactly("VIP");

	}

	/** One address's change of a tag, as a job hands it to {@link TagCall#send}. */
	private record Change(String email, String tag, boolean add) implements TagCall.Change {
	}

	@Test
	void tagChangesGoPerTagInPackedCallsAndMailchimpsRefusalsComeBackPerChange() {
		for (int i = 0; i < 600; i++) {
			this.sandbox.audience().putMember("m" + i + "@example.com", "subscribed", "Champion");
		}
		Map<String, Long> tagIds = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		this.client.tags(this.list).forEach((tag) -> tagIds.put(tag.name(), tag.id()));
		List<Change> changes = new ArrayList<>();
		for (int i = 0; i < 600; i++) {
			changes.add(new Change("m" + i + "@example.com", "Admin User", true));
		}
		changes.add(new Change("m0@example.com", "champion", false));
		changes.add(new Change("stranger@example.com", "Admin User", true));
		long writesBefore = this.sandbox.stats().totalWrites();

		Map<Change, String> refused;
		try (BulkCalls calls = new BulkCalls(10)) {
			refused = TagCall.send(this.client, this.list, tagIds, calls, changes);
		}

		// 601 additions of one tag: two calls of at most 500; the other tag's removal:
		// one
		assertThat(this.sandbox.stats().totalWrites() - writesBefore).isEqualTo(3);
		assertThat(refused).containsOnlyKeys(new Change("stranger@example.com", "Admin User", true));
		assertThat(refused.values()).singleElement().asString().contains("not members");
		assertThat(this.sandbox.audience().member("m599@example.com").orElseThrow().tags())
			.containsExactlyInAnyOrder("Admin User", "Champion");
		assertThat(this.sandbox.audience().member("m0@example.com").orElseThrow().tags()).containsExactly("Admin User");
	}

	@Test
	void aWrongKeyIsAnAuthenticationFailureThatDoesNotQuoteTheKey() {
		String wrongKey = "ffffffffffffffffffffffffffffffff-us1";
		try (var wrong = new MailchimpClient(URI.create(this.sandbox.baseUrl()), wrongKey, FAST_RETRIES,
				MailchimpJson.mapper())) {
			assertThatThrownBy(wrong::ping).isInstanceOf(AuthenticationException.class)
				.hasMessageContaining("401 API Key Invalid")
				.satisfies((ex) -> assertThat(ex.toString()).doesNotContain(wrongKey, "ffffffff"));
		}
	}

	@Test
	void unknownAudienceIsNotFound() {
		assertThatThrownBy(() -> this.client.members("nope", 0, 10)).isInstanceOf(NotFoundException.class);
	}

}
