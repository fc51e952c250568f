package com.kapta.mailchimp.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.JavaCommand;
import com.kapta.mailchimp.LocalPorts;
import com.kapta.mailchimp.TestHomes;
import com.kapta.mailchimp.cli.CliRun;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.workbook.Workbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Workbooks made to exhaust the heap, fed to a service that has 256 MB of it (a JVM of
 * its own, as users run it), through the console's upload (preview and import) and the
 * drop folder: each is refused with its reason, the service keeps answering, nothing
 * reaches Mailchimp.
 */
class HostileWorkbooksServiceTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Path HOME = TestHomes.reset("HostileWorkbooksServiceTests");

	private static MailchimpSandbox sandbox;

	private static Process service;

	private static URI base;

	private static HttpClient browser;

	@BeforeAll
	static void start() throws Exception {
		sandbox = MailchimpSandbox.start(SandboxOptions.defaults().withTags(List.of("Champion")));
		Path data = HOME.resolve("data");
		assertThat(CliRun
			.run(data, "settings", "save", "--api-url", sandbox.baseUrl(), "--api-key", sandbox.apiKey(), "--audience",
					"Kapta Contacts", "--enabled", "true")
			.exitCode()).isZero();
		assertThat(CliRun
			.run(data, "users", "add", "--username", "dan", "--role", "data", "--password", "dan's long password")
			.exitCode()).isZero();
		int port = LocalPorts.free();
		base = URI.create("http://127.0.0.1:" + port);
		var builder = new ProcessBuilder(JavaCommand.of(List.of("-Xmx256m"), List.of("service")))
			.redirectErrorStream(true)
			.redirectOutput(HOME.resolve("service.out").toFile());
		builder.environment()
			.putAll(Map.of("KAPTA_DATA_DIR", data.toString(), "KAPTA_JOBS_DIR", HOME.resolve("jobs").toString(),
					"KAPTA_WEB_PORT", Integer.toString(port), "KAPTA_SCHEDULE_IMPORT_POLL", "1s",
					"KAPTA_IMPORT_SETTLE_TIME", "1s", "KAPTA_IMPORT_MAX_SHARED_STRINGS", "8MB"));
		builder.environment().remove("MAILCHIMP_API_KEY");
		service = builder.start();
		browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		await().atMost(Duration.ofMinutes(2)).until(() -> {
			assertThat(service.isAlive()).as(HostileWorkbooksServiceTests::output).isTrue();
			return healthy();
		});
		String token = csrf("/login");
		send(HttpRequest.newBuilder(base.resolve("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("username=dan&password="
					+ URLEncoder.encode("dan's long password", StandardCharsets.UTF_8) + "&_csrf=" + token)));
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (service != null) {
			service.destroy();
			service.waitFor();
		}
		if (sandbox != null) {
			sandbox.close();
		}
	}

	@Test
	void eachIsRefusedWithItsReasonAndTheServiceKeepsAnswering() throws Exception {
		Path dir = Files.createDirectories(HOME.resolve("workbooks"));
		Path ok = Workbooks.xlsx(dir.resolve("ok.xlsx"),
				List.of(List.of("Email Address", "Champion"), List.of("ann@example.com", "Y")));
		Map<Path, String> hostile = Map.of(
				Workbooks.withPart(ok, dir.resolve("wide.xlsx"), "xl/worksheets/sheet1.xml",
						Workbooks.inlineSheet(List.of(List.of("A1", "Email Address", "ZZZZZZ1", "Champion"),
								List.of("A2", "ann@example.com", "ZZZZZZ2", "Y")))),
				"last column (XFD)",
				Workbooks.withPart(ok, dir.resolve("long.xlsx"), "xl/worksheets/sheet1.xml",
						Workbooks.inlineSheet(List.of(List.of("A1", "Email Address", "B1", "First Name"),
								List.of("A2", "ann@example.com", "B2", varied(3_000_000))))),
				"more than 32 767 characters",
				Workbooks.withUnderstatedSharedStrings(ok, dir.resolve("strings.xlsx"), 40_000_000, 1_000),
				"shared strings take more than the 8 MB");

		for (Map.Entry<Path, String> file : hostile.entrySet()) {
			String name = file.getKey().getFileName().toString();
			for (String preview : List.of("true", "false")) {
				String run = upload(file.getKey(), preview);
				await().atMost(Duration.ofSeconds(60))
					.until(() -> page(run),
							(page) -> page.contains("data-status=\"FAILED\"") && page.contains(file.getValue()));
				assertThat(healthy()).as("%s (preview %s): the service answers", name, preview).isTrue();
			}
			// the console's import left one reason for it; the drop folder's is the next
			assertThat(reasons(name)).hasSize(1);
			Files.copy(file.getKey(), HOME.resolve("jobs").resolve("import").resolve(name));
			await().atMost(Duration.ofSeconds(60)).until(() -> reasons(name).size() == 2);
			for (Path reason : reasons(name)) {
				assertThat(Files.readString(reason)).as(name).contains(file.getValue());
			}
			assertThat(healthy()).as("%s from the drop folder: the service answers", name).isTrue();
		}
		assertThat(sandbox.stats().totalWrites()).as("nothing sent").isZero();
		assertThat(output()).doesNotContain("OutOfMemoryError");
	}

	/**
	 * Letters that do not compress much: a run of one letter would be refused as a zip
	 * bomb first.
	 */
	private static String varied(int length) {
		var random = new Random(11);
		var text = new StringBuilder(length);
		while (text.length() < length) {
			text.append((char) ('a' + random.nextInt(26)));
		}
		return text.toString();
	}

	private static String upload(Path file, String preview) throws IOException {
		String boundary = "kapta" + System.nanoTime();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf("/data")
				+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"preview\"\r\n\r\n" + preview
				+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
				+ file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> answer = send(HttpRequest.newBuilder(base.resolve("/data/import"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(BodyPublishers.concat(BodyPublishers.ofByteArray(head), BodyPublishers.ofFile(file),
					BodyPublishers.ofByteArray(tail))));
		String location = answer.headers().firstValue("Location").orElseThrow(() -> new AssertionError(answer.body()));
		assertThat(location).as(file.toString()).matches(".*/jobs/\\d+");
		return location;
	}

	/** The reason files in failed/ of the files of this name. */
	private static List<Path> reasons(String name) throws IOException {
		try (Stream<Path> failed = Files.list(HOME.resolve("jobs").resolve("import").resolve("failed"))) {
			return failed.filter((file) -> file.getFileName().toString().endsWith("-" + name + ".reason.txt")).toList();
		}
	}

	private static String page(String path) {
		return send(HttpRequest.newBuilder(base.resolve(path))).body();
	}

	private static String csrf(String path) {
		Matcher token = CSRF.matcher(page(path));
		assertThat(token.find()).as("a CSRF token on " + path).isTrue();
		return token.group(1);
	}

	private static boolean healthy() {
		try {
			return browser
				.send(HttpRequest.newBuilder(base.resolve("/actuator/health")).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	private static String output() {
		try {
			return Files.readString(HOME.resolve("service.out"));
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

}
