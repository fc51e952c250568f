package com.kapta.mailchimp.cli;

import java.io.IOException;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.KaptaApplication;
import com.kapta.mailchimp.LocalPorts;
import com.kapta.mailchimp.TestHomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./run.sh demo --serve} as a newcomer runs it, in a JVM of its own: the demo,
 * then its console on another port when 8080 is taken, an admin's password printed once
 * that signs in to the start page, and Ctrl-C (SIGINT) ending everything it started.
 */
class DemoServeTests {

	private static final Pattern ADDRESS = Pattern
		.compile("The demo's console is running: (http://127\\.0\\.0\\.1:(\\d+)/)");

	private static final Pattern PASSWORD = Pattern.compile("password \\(shown once\\): (\\S+)");

	private static final Pattern SANDBOX = Pattern.compile("stands in for Mailchimp on http://127\\.0\\.0\\.1:(\\d+)/");

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final Path home = TestHomes.reset("DemoServeTests");

	private Process demo;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.demo != null && this.demo.isAlive()) {
			this.demo.destroyForcibly().waitFor();
		}
	}

	@Test
	void theDemosConsoleOpensWithThePrintedPasswordAndCtrlCStopsEverything() throws Exception {
		Path demoHome = this.home.resolve("demo");
		Path log = this.home.resolve("demo.out");
		// a service already running on 8080, as a newcomer's may be
		try (ServerSocket taken = occupy8080()) {
			// SIGINT as a terminal has it, even when this JVM was started with it ignored
			// (a
			// background job), which a child would inherit and its JVM then never hear
			var builder = new ProcessBuilder("env", "--default-signal=INT",
					Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
					System.getProperty("java.class.path"), KaptaApplication.class.getName(), "demo", "--serve",
					"--home", demoHome.toString(), "--contacts", "200")
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().remove("MAILCHIMP_API_KEY");
			this.demo = builder.start();
			await().alias("the demo's console is ready").atMost(Duration.ofMinutes(3)).until(() -> {
				assertThat(this.demo.isAlive()).as(() -> "the demo ended: " + read(log)).isTrue();
				return read(log).contains("Ctrl-C stops the console and the sandbox.");
			});
		}
		String out = read(log);
		assertThat(out).contains("The demo passed.", "Port 8080 is taken");
		Matcher address = find(ADDRESS, out);
		int port = Integer.parseInt(address.group(2));
		assertThat(port).isNotEqualTo(8080);
		int sandboxPort = Integer.parseInt(find(SANDBOX, out).group(1));
		String password = find(PASSWORD, out).group(1);

		URI base = URI.create(address.group(1));
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		HttpResponse<String> signedIn = send(browser, HttpRequest.newBuilder(base.resolve("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("username=admin&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
						+ find(CSRF, send(browser, HttpRequest.newBuilder(base.resolve("/login"))).body()).group(1))));
		assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
		String start = send(browser, HttpRequest.newBuilder(base)).body();
		assertThat(start).contains("Signed in as", "admin", "Upload To Mailchimp");
		assertThat(read(log)).as("the password is printed once").containsOnlyOnce(password);

		new ProcessBuilder("kill", "-INT", Long.toString(this.demo.pid())).start().waitFor();
		assertThat(this.demo.waitFor(60, TimeUnit.SECONDS)).as(() -> read(log)).isTrue();
		assertThat(read(log)).contains("The demo's console and sandbox stopped. Its home stays in " + demoHome);
		assertThat(LocalPorts.isFree(port)).as("the console's port").isTrue();
		assertThat(LocalPorts.isFree(sandboxPort)).as("the sandbox's port").isTrue();
		assertThat(demoHome.resolve("jobs/export/mailchimp-contacts-and-tags.xlsx")).exists();
	}

	/** Holds 8080 while the demo starts; nothing when something else already does. */
	private static ServerSocket occupy8080() throws IOException {
		ServerSocket socket = new ServerSocket();
		if (LocalPorts.isFree(8080)) {
			socket.bind(new InetSocketAddress("127.0.0.1", 8080));
		}
		return socket;
	}

	private static HttpResponse<String> send(HttpClient browser, HttpRequest.Builder request)
			throws IOException, InterruptedException {
		return browser.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static Matcher find(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		assertThat(matcher.find()).as(pattern + " in " + text).isTrue();
		return matcher;
	}

	private static String read(Path log) {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

}
