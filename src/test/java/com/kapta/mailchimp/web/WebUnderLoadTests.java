package com.kapta.mailchimp.web;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.contact.Outbox;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.sandbox.TagAdditions;
import com.kapta.mailchimp.upload.UploadLauncher;
import com.kapta.mailchimp.users.Role;
import com.kapta.mailchimp.users.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service under many clients at once, over real HTTP against the sandbox, as Kapta's
 * application calls it on every contact save: edits never fail, share their pushes and
 * each reach Mailchimp once; jobs launched beside them are refused only with the command
 * line's words; a stop right after a launch ends the run where a restart resumes it.
 */
class WebUnderLoadTests {

	private static final Pattern STATUS = Pattern.compile("\"status\":\"(\\w+)\"");

	private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

	private static WebService service;

	private static SandboxedKapta kapta;

	private MailchimpSandbox sandbox;

	private final TagAdditions additions = new TagAdditions();

	@BeforeAll
	static void start() {
		service = WebService.start("WebUnderLoadTests");
		kapta = service.kapta();
		service.bean(UserAccounts.class).add("ann", Role.ADMIN, "ann's long password");
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@BeforeEach
	void freshSandbox() {
		this.sandbox = kapta.restart(SandboxOptions.defaults().withTags(List.of("VIP", "Champion")).withLatency(20));
		this.sandbox.record(this.additions);
	}

	@Test
	void sixteenClientsEditingAtOnceGetNoErrorShareTheirPushesAndEachEditReachesMailchimpOnce() throws Exception {
		int clients = 16;
		int editsEach = 8;
		onMailchimp(clients * editsEach);
		long pushesBefore = pushRuns();

		List<Integer> statuses = new CopyOnWriteArrayList<>();
		List<String> answers = new CopyOnWriteArrayList<>();
		ExecutorService threads = Executors.newFixedThreadPool(clients);
		List<Future<?>> done = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			int client = c;
			done.add(threads.submit(() -> {
				for (int e = 0; e < editsEach; e++) {
					HttpResponse<String> answer = send(put("/api/contacts/tags",
							"{\"email\":\"" + email(client * editsEach + e) + "\",\"add\":[\"VIP\"]}"));
					statuses.add(answer.statusCode());
					answers.add(answer.body());
				}
			}));
		}
		for (Future<?> client : done) {
			client.get();
		}
		threads.shutdown();

		assertThat(statuses).hasSize(clients * editsEach).containsOnly(200);
		assertThat(answers).allMatch((body) -> body.contains("Sent to Mailchimp") || body.contains("waits"));
		Outbox outbox = service.bean(Outbox.class);
		await().atMost(Duration.ofSeconds(60)).until(() -> outbox.counts().pending() == 0);
		assertThat(outbox.counts().failed()).isZero();
		long vip = this.sandbox.audience().createTagIfMissing("VIP");
		for (int i = 0; i < clients * editsEach; i++) {
			assertThat(this.additions.count(vip, email(i))).as("additions of VIP to " + email(i)).isEqualTo(1);
		}
		assertThat(kapta.kaptaState()).contains(email(0) + " subscribed VIP null");
		assertThat(SandboxedKapta.mailchimpState(this.sandbox)).contains(email(0) + " subscribed");
		for (int i = 0; i < clients * editsEach; i++) {
			assertThat(this.sandbox.audience().member(email(i)).orElseThrow().tags()).containsExactly("VIP");
			assertThat(kapta.tags(email(i))).containsExactly("VIP");
		}
		long pushes = pushRuns() - pushesBefore;
		assertThat(pushes).as("pushes for %d edits", clients * editsEach)
			.isPositive()
			.isLessThan(clients * editsEach / 4);
		assertThat(runsIn(BatchStatus.FAILED, BatchStatus.UNKNOWN, BatchStatus.ABANDONED)).isZero();
	}

	@Test
	void everyJobLaunchedBesideEditsIsRefusedOnlyWithTheCommandLinesWords() throws Exception {
		onMailchimp(40);
		kapta.loadAsNewEdits("joiner@example.com,,,");
		Map<String, List<Integer>> statuses = new ConcurrentHashMap<>();
		List<String> refusals = new CopyOnWriteArrayList<>();
		List<String> launches = List.of("/api/jobs/upload|{\"tags\":[]}", "/api/jobs/download-tags|{}",
				"/api/jobs/push|", "/api/jobs/export|");
		ExecutorService threads = Executors.newFixedThreadPool(8);
		List<Future<?>> done = new ArrayList<>();
		for (int round = 0; round < 3; round++) {
			for (String launch : launches) {
				String[] parts = launch.split("\\|", -1);
				done.add(threads.submit(() -> {
					HttpResponse<String> answer = send(post(parts[0], parts[1]));
					statuses.computeIfAbsent(parts[0], (path) -> new CopyOnWriteArrayList<>()).add(answer.statusCode());
					if (answer.statusCode() == 409) {
						refusals.add(answer.body());
					}
				}));
			}
			for (int e = 0; e < 4; e++) {
				int edit = round * 4 + e;
				done.add(threads.submit(() -> {
					HttpResponse<String> answer = send(
							put("/api/contacts/tags", "{\"email\":\"" + email(edit) + "\",\"add\":[\"Champion\"]}"));
					statuses.computeIfAbsent("edit", (path) -> new CopyOnWriteArrayList<>()).add(answer.statusCode());
				}));
			}
		}
		for (Future<?> request : done) {
			request.get();
		}
		threads.shutdown();

		assertThat(statuses.get("edit")).containsOnly(200);
		for (String launch : List.of("/api/jobs/upload", "/api/jobs/download-tags", "/api/jobs/export")) {
			assertThat(statuses.get(launch)).as(launch).isSubsetOf(202, 409).contains(202);
		}
		// the pushes after the edits may hold the push all along
		assertThat(statuses.get("/api/jobs/push")).isSubsetOf(202, 409);
		assertThat(refusals).allSatisfy((body) -> assertThat(body).contains("\"status\":409")
			.containsAnyOf("is already running", "is still running"));
		await().atMost(Duration.ofSeconds(60)).until(() -> runsIn(BatchStatus.STARTING, BatchStatus.STARTED) == 0);
		assertThat(runsIn(BatchStatus.FAILED, BatchStatus.UNKNOWN, BatchStatus.ABANDONED)).isZero();
		Outbox outbox = service.bean(Outbox.class);
		await().atMost(Duration.ofSeconds(60)).until(() -> outbox.counts().pending() == 0);
		assertThat(this.sandbox.audience().member("joiner@example.com")).isPresent();
		for (int i = 0; i < 12; i++) {
			assertThat(this.sandbox.audience().member(email(i)).orElseThrow().tags()).containsExactly("Champion");
		}
	}

	@Test
	void aStopRightAfterTheLaunchEndsTheRunStoppedAndItsRestartFinishesIt() {
		this.sandbox.setLatencyMs(200);
		kapta.load(IntStream.range(0, 20_000).mapToObj((i) -> email(i) + ",,,").toArray(String[]::new));

		HttpResponse<String> started = send(post("/api/jobs/upload", "{\"tags\":[\"Champion\"]}"));
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		String id = first(ID, started.body());
		HttpResponse<String> stopped = send(post("/api/jobs/" + id + "/stop", ""));

		assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
		assertThat(first(STATUS, stopped.body())).as("it finishes its chunks first").isIn("STOPPING", "STOPPED");
		await().atMost(Duration.ofSeconds(60)).until(() -> !running(status(id)));
		assertThat(status(id)).isEqualTo("STOPPED");
		assertThat(this.sandbox.audience().size()).as("members after the stop").isLessThan(20_000);

		this.sandbox.setLatencyMs(0);
		// the run's thread lets go of the job a moment after its status says STOPPED
		HttpResponse<String> restarted = await().atMost(Duration.ofSeconds(10))
			.until(() -> send(post("/api/jobs/" + id + "/restart", "")),
					(answer) -> answer.statusCode() != 409 || !answer.body().contains("is already running"));
		assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(202);
		String again = first(ID, restarted.body());
		await().atMost(Duration.ofSeconds(60)).until(() -> !running(status(again)));
		assertThat(status(again)).isEqualTo("COMPLETED");
		assertThat(this.sandbox.audience().size()).isEqualTo(20_000);
		assertThat(this.sandbox.audience().member(email(19_999)).orElseThrow().tags()).containsExactly("Champion");
	}

	@Test
	void anEditWhosePushIsSlowAnswersWithinItsWaitThatItWaitsAndReachesMailchimpAfter() {
		onMailchimp(1);
		this.sandbox.setLatencyMs(3000);

		HttpResponse<String> answer = send(
				put("/api/contacts/tags", "{\"email\":\"" + email(0) + "\",\"add\":[\"Champion\"]}"));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(answer.body()).contains("It waits in the outbox", "\"tags\":[\"Champion\"]");
		assertThat(this.sandbox.audience().member(email(0)).orElseThrow().tags())
			.as("answered while its push (two calls of 3 s) still runs")
			.isEmpty();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.sandbox.audience().member(email(0)).orElseThrow().tags().contains("Champion"));
		await().atMost(Duration.ofSeconds(10)).until(() -> service.bean(Outbox.class).counts().pending() == 0);
	}

	/** Contacts {@code 0..count-1}, members of the audience as after an upload. */
	private void onMailchimp(int count) {
		kapta.load(IntStream.range(0, count).mapToObj((i) -> email(i) + ",,,").toArray(String[]::new));
		assertThat(service.bean(UploadLauncher.class).launch(List.of(), false).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
	}

	private static String email(int i) {
		return String.format("load%05d@example.com", i);
	}

	private static long pushRuns() {
		return service.bean(JdbcTemplate.class)
			.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
					+ " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'push'", Long.class);
	}

	private static long runsIn(BatchStatus... statuses) {
		long count = 0;
		for (BatchStatus status : statuses) {
			count += service.bean(JdbcTemplate.class)
				.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = ?", Long.class, status.name());
		}
		return count;
	}

	private static boolean running(String status) {
		return status.equals("STARTING") || status.equals("STARTED") || status.equals("STOPPING");
	}

	private String status(String id) {
		return first(STATUS, send(HttpRequest.newBuilder(service.uri("/api/jobs/" + id))).body());
	}

	private static String first(Pattern pattern, String text) {
		Matcher found = pattern.matcher(text);
		assertThat(found.find()).as(text).isTrue();
		return found.group(1);
	}

	private static HttpRequest.Builder put(String path, String json) {
		return HttpRequest.newBuilder(service.uri(path))
			.header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofString(json));
	}

	private static HttpRequest.Builder post(String path, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(path));
		return json.isEmpty() ? request.POST(BodyPublishers.noBody())
				: request.header("Content-Type", "application/json").POST(BodyPublishers.ofString(json));
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		return service.browser()
			.send(request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString("ann:ann's long password".getBytes(StandardCharsets.UTF_8))));
	}

}
