package com.kapta.mailchimp.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.batch.core.BatchStatus;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.bench.ApiLoad.Kind;
import com.kapta.mailchimp.contact.ContactCsvLoader;
import com.kapta.mailchimp.database.EmptyDatabase;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.upload.UploadLauncher;
import com.kapta.mailchimp.users.Role;
import com.kapta.mailchimp.users.UserAccounts;

/**
 * The service under load, as Kapta's application uses it: {@link WebStage} starts the
 * sandbox and the service(s) on a home of the bench's; this fills the home (contacts
 * already on Mailchimp, contacts to upload, an admin with a token), launches an upload
 * through the API, lets {@link ApiLoad}'s clients read and edit tags while it runs, then
 * checks what a user would: no answer over 500 and none timed out, the times, the outbox
 * drained, each edit on Mailchimp once, Kapta's tags equal to Mailchimp's, the upload's
 * end state as an unloaded run leaves it ({@link WebBenchChecks}).
 */
@Component
public class WebBenchmark {

	/**
	 * The start of the emails of the contacts already on Mailchimp, which edits change.
	 */
	static final String KEPT = "kept";

	/** The start of the emails of the contacts the upload adds. */
	static final String NEW = "new";

	/** The tags the edits add, each contact taking them in turn. */
	static final List<String> EDIT_TAGS = List.of("Edit 1", "Edit 2", "Edit 3", "Edit 4", "Edit 5");

	static final String LAUNCH_TAG = "Bench upload";

	private static final Pattern STATUS = Pattern.compile("\"status\":\"(\\w+)\"");

	private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

	private static final Pattern STARTED = Pattern.compile("\"started\":\"([^\"]+)\"");

	private static final Pattern ENDED = Pattern.compile("\"ended\":\"([^\"]+)\"");

	/**
	 * What to measure.
	 *
	 * @param clients concurrent API clients
	 * @param length how long they run
	 * @param readsPerEdit the reads each client sends between two edits
	 * @param contacts contacts already on Mailchimp, which the edits change
	 * @param upload contacts the upload adds while the clients run (0: no upload)
	 * @param latencyMs the sandbox's latency per call
	 * @param instances services on the database, the clients split between them
	 */
	public record Options(int clients, Duration length, int readsPerEdit, int contacts, int upload, int latencyMs,
			int instances) {
	}

	private final SettingsService settings;

	private final ContactCsvLoader loader;

	private final UploadLauncher upload;

	private final UserAccounts users;

	private final WebBenchChecks checks;

	private final EmptyDatabase emptyDatabase;

	WebBenchmark(SettingsService settings, ContactCsvLoader loader, UploadLauncher upload, UserAccounts users,
			WebBenchChecks checks, EmptyDatabase emptyDatabase) {
		this.settings = settings;
		this.loader = loader;
		this.upload = upload;
		this.users = users;
		this.checks = checks;
		this.emptyDatabase = emptyDatabase;
	}

	/**
	 * Runs the bench on the stage and prints its figures; true when every target is met.
	 */
	public boolean run(WebStage stage, Options options, PrintWriter out) throws IOException, InterruptedException {
		this.emptyDatabase.require("the bench");
		String token = fill(stage, options);
		HttpClient http = HttpClient.newHttpClient();
		URI first = stage.services().get(0);
		long uploadRun = (options.upload() > 0) ? launchUpload(http, first, token) : lastRun(http, first, token);
		out.printf("Load: %d clients for %d s, %d reads per edit, on %d instance(s)%s%n", options.clients(),
				options.length().toSeconds(), options.readsPerEdit(), stage.services().size(), (options.upload() > 0)
						? ", during upload run " + uploadRun + " of " + options.upload() + " contacts" : "");
		out.flush();
		ApiLoad load = new ApiLoad(stage.services(), token, options.readsPerEdit(), (n) -> edit(n, options.contacts()),
				uploadRun, options.contacts());
		ApiLoad.Figures figures = load.run(options.clients(), options.length());
		printLoad(figures, out);
		boolean met = figures.serverErrors() == 0 && figures.timeouts.sum() == 0 && figures.dropped.sum() == 0
				&& figures.percentile(Kind.READS, 99) < 300 && figures.percentile(List.of(Kind.EDIT), 99) < 1000;
		if (options.upload() > 0) {
			met &= awaitUpload(http, first, token, uploadRun, out);
		}
		met &= this.checks.outboxDrained(out);
		met &= this.checks.eachEditOnce(stage, load, figures, out);
		met &= this.checks.tagsEqual(stage, options, out);
		out.printf("Service log: %d WARN or ERROR lines (%s)%n", stage.problemLines(), stage.outputs());
		out.println("Targets (no 5xx, no timeout, reads p99 < 300 ms, edits p99 < 1 s, edits once, states equal): "
				+ (met ? "met" : "MISSED"));
		out.flush();
		return met;
	}

	/**
	 * The home's contacts and settings: the kept ones uploaded (so on Mailchimp), the new
	 * ones loaded while the integration is off (nothing queued: the upload adds them); an
	 * admin's token for the clients.
	 */
	private String fill(WebStage stage, Options options) throws IOException {
		Path work = Files.createDirectories(stage.home().resolve("bench"));
		EDIT_TAGS.forEach(stage.sandbox().audience()::createTagIfMissing);
		this.settings
			.save(new SettingsChange(false, stage.sandbox().baseUrl(), stage.sandbox().apiKey(), "Kapta Contacts"));
		this.loader.load(csv(work.resolve("kept.csv"), KEPT, options.contacts()));
		this.settings.save(new SettingsChange(true, null, null, null));
		var setup = this.upload.launch(List.of(), false);
		if (setup.getStatus() != BatchStatus.COMPLETED) {
			throw new KaptaException("The bench's setup upload ended " + setup.getStatus());
		}
		if (options.upload() > 0) {
			this.settings.save(new SettingsChange(false, null, null, null));
			this.loader.load(csv(work.resolve("new.csv"), NEW, options.upload()));
			this.settings.save(new SettingsChange(true, null, null, null));
		}
		this.users.add("bench", Role.ADMIN, null);
		return this.users.token("bench");
	}

	private static Path csv(Path file, String prefix, int count) throws IOException {
		try (BufferedWriter csv = Files.newBufferedWriter(file)) {
			csv.write("email,first_name,last_name,tags\n");
			for (int i = 0; i < count; i++) {
				csv.write(prefix + i + "@example.com,First" + i + ",Last" + i + ",\n");
			}
		}
		return file;
	}

	/** The n-th edit: contact n, tag after tag once every contact had the one before. */
	static ApiLoad.Edit edit(long n, int contacts) {
		if (n >= (long) contacts * EDIT_TAGS.size()) {
			throw new KaptaException("The bench ran out of distinct edits; give it more --contacts");
		}
		return new ApiLoad.Edit(KEPT + (n % contacts) + "@example.com", EDIT_TAGS.get((int) (n / contacts)));
	}

	private static long launchUpload(HttpClient http, URI service, String token)
			throws IOException, InterruptedException {
		HttpResponse<String> started = http.send(HttpRequest.newBuilder(service.resolve("/api/jobs/upload"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"tags\":[\"" + LAUNCH_TAG + "\"]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (started.statusCode() != 202) {
			throw new KaptaException(
					"The bench's upload did not start: " + started.statusCode() + " " + started.body());
		}
		return Long.parseLong(first(ID, started.body()));
	}

	private static long lastRun(HttpClient http, URI service, String token) throws IOException, InterruptedException {
		return Long.parseLong(first(ID, get(http, service.resolve("/api/jobs?limit=1"), token)));
	}

	private static String get(HttpClient http, URI uri, String token) throws IOException, InterruptedException {
		return http
			.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static String first(Pattern pattern, String text) {
		Matcher found = pattern.matcher(text);
		if (!found.find()) {
			throw new KaptaException("The bench did not understand the service's answer: " + text);
		}
		return found.group(1);
	}

	private static void printLoad(ApiLoad.Figures figures, PrintWriter out) {
		out.printf("%-8s %9s %8s %7s %7s %7s %7s%n", "KIND", "REQUESTS", "PER S", "P50 MS", "P95 MS", "P99 MS",
				"MAX MS");
		for (Kind kind : Kind.values()) {
			List<Kind> one = List.of(kind);
			out.printf(Locale.ROOT, "%-8s %9d %8.1f %7d %7d %7d %7d%n", kind.name().toLowerCase(Locale.ROOT),
					figures.count(kind), figures.count(kind) / figures.seconds, figures.percentile(one, 50),
					figures.percentile(one, 95), figures.percentile(one, 99), figures.percentile(one, 100));
		}
		out.printf(Locale.ROOT, "%-8s %9s %8s %7d %7d %7d %7d%n", "reads", "", "", figures.percentile(Kind.READS, 50),
				figures.percentile(Kind.READS, 95), figures.percentile(Kind.READS, 99),
				figures.percentile(Kind.READS, 100));
		out.println("Answers by status: " + figures.statuses() + "; timed out (" + ApiLoad.TIMEOUT.toSeconds() + " s): "
				+ figures.timeouts.sum() + "; dropped connections: " + figures.dropped.sum());
		out.println("Edits answered \"Sent to Mailchimp\": " + figures.editsSent.sum() + " of "
				+ figures.count(Kind.EDIT) + " (the others were told they wait; the outbox sends them)");
		out.flush();
	}

	private static boolean awaitUpload(HttpClient http, URI service, String token, long run, PrintWriter out)
			throws IOException, InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
		String answer = "";
		String status = "STARTED";
		while ((status.equals("STARTED") || status.equals("STARTING") || status.equals("STOPPING"))
				&& System.nanoTime() < deadline) {
			Thread.sleep(1000);
			answer = get(http, service.resolve("/api/jobs/" + run), token);
			status = first(STATUS, answer);
		}
		Matcher started = STARTED.matcher(answer);
		Matcher ended = ENDED.matcher(answer);
		String took = (started.find() && ended.find()) ? String.format(Locale.ROOT, " in %.1f s",
				Duration.between(LocalDateTime.parse(started.group(1)), LocalDateTime.parse(ended.group(1))).toMillis()
						/ 1000.0)
				: "";
		out.println(
				"Upload run " + run + ": " + status + took + ", " + summary(answer, "Added to Mailchimp") + " added");
		return status.equals("COMPLETED");
	}

	private static String summary(String answer, String line) {
		Matcher value = Pattern.compile("\"" + Pattern.quote(line) + "\":\"([^\"]*)\"").matcher(answer);
		return value.find() ? value.group(1) : "?";
	}

}
