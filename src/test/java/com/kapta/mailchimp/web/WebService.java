package com.kapta.mailchimp.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.KaptaApplication;
import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.TestHomes;
import com.kapta.mailchimp.contact.ContactCsvLoader;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.users.Role;
import com.kapta.mailchimp.users.UserAccounts;

/**
 * Kapta's web console and API on a real server in this JVM (a free port, a fresh home),
 * and a browser-like HTTP client for it that keeps its cookies.
 */
final class WebService implements AutoCloseable {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final ConfigurableApplicationContext context;

	private final URI base;

	private @Nullable SandboxedKapta kapta;

	private WebService(ConfigurableApplicationContext context) {
		this.context = context;
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		String scheme = context.getEnvironment().containsProperty("server.ssl.key-store") ? "https" : "http";
		this.base = URI.create(scheme + "://127.0.0.1:" + port);
	}

	/**
	 * A service with a fresh home named {@code name}, and any more
	 * {@code --property=value}.
	 */
	static WebService start(String name, String... more) {
		return start("web", TestHomes.reset(name), more);
	}

	/**
	 * The whole service (its schedule too, as {@code ./run.sh service} runs) on the home
	 * {@code name}, emptied first unless {@code again}.
	 */
	static WebService service(String name, boolean again, String... more) {
		Path home = again ? Path.of("target", "test-homes", name).toAbsolutePath() : TestHomes.reset(name);
		return start("service", home, more);
	}

	private static WebService start(String profile, Path home, String... more) {
		// arguments, so that nothing in the environment (KAPTA_DATA_DIR …) can point
		// elsewhere
		List<String> args = new ArrayList<>(List.of("--kapta.data-dir=" + home.resolve("data"),
				"--kapta.jobs-dir=" + home.resolve("jobs"), "--kapta.batch.progress-every=1h"));
		if (Arrays.stream(more).noneMatch((arg) -> arg.startsWith("--kapta.web.port="))) {
			args.add("--kapta.web.port=0");
		}
		args.addAll(List.of(more));
		return new WebService(new SpringApplicationBuilder(KaptaApplication.class).profiles(profile)
			.run(args.toArray(String[]::new)));
	}

	/**
	 * Adds the tests' two users: ann, an admin, and dan of the data team, each with the
	 * password {@code "<name>'s long password"} ({@link #basic}).
	 */
	WebService withAnnAndDan() {
		bean(UserAccounts.class).add("ann", Role.ADMIN, "ann's long password");
		bean(UserAccounts.class).add("dan", Role.DATA, "dan's long password");
		return this;
	}

	/** The Basic {@code Authorization} header of a user {@link #withAnnAndDan} added. */
	static String basic(String user) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((user + ":" + user + "'s long password").getBytes(StandardCharsets.UTF_8));
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/** The service's Kapta with a sandbox of its own ({@link SandboxedKapta#restart}). */
	SandboxedKapta kapta() {
		if (this.kapta == null) {
			this.kapta = new SandboxedKapta(bean(JdbcTemplate.class), bean(SettingsService.class),
					bean(ContactCsvLoader.class));
		}
		return this.kapta;
	}

	URI uri(String path) {
		return this.base.resolve(path);
	}

	/** A client of its own: its own cookies, as a browser has. */
	Browser browser() {
		return new Browser(HttpClient.newBuilder().cookieHandler(new CookieManager()).build());
	}

	/**
	 * A client of its own that trusts what {@code tls} trusts (a test's own certificate).
	 */
	Browser browser(SSLContext tls) {
		return new Browser(HttpClient.newBuilder().cookieHandler(new CookieManager()).sslContext(tls).build());
	}

	@Override
	public void close() {
		if (this.kapta != null) {
			this.kapta.close();
		}
		this.context.close();
	}

	final class Browser {

		private final HttpClient http;

		private Browser(HttpClient http) {
			this.http = http;
		}

		HttpResponse<String> send(HttpRequest.Builder request) {
			try {
				return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		HttpResponse<byte[]> bytes(HttpRequest.Builder request) {
			try {
				return this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * A form that sends its fields ({@code name, value, name, value …}) and then one
		 * file ({@code file}), as a browser does.
		 */
		HttpRequest.Builder multipart(String path, String fileName, byte[] content, String... fields) {
			String boundary = "kapta" + System.nanoTime();
			var body = new ByteArrayOutputStream();
			for (int i = 0; i < fields.length; i += 2) {
				body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i]
						+ "\"\r\n\r\n" + fields[i + 1] + "\r\n")
					.getBytes(StandardCharsets.UTF_8));
			}
			body.writeBytes(
					("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
							+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
						.getBytes(StandardCharsets.UTF_8));
			body.writeBytes(content);
			body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
			return request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
		}

		HttpRequest.Builder request(String path) {
			return HttpRequest.newBuilder(uri(path));
		}

		/**
		 * An API call as a user of {@link #withAnnAndDan} (Basic sign-in), with a JSON
		 * body or none.
		 */
		HttpResponse<String> api(String method, String path, String user, @Nullable String json) {
			HttpRequest.Builder call = request(path).header("Authorization", basic(user))
				.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json)
						: HttpRequest.BodyPublishers.noBody());
			if (json != null) {
				call.header("Content-Type", "application/json");
			}
			return send(call);
		}

		/** Signs in through the console's form, as a person does; fails if refused. */
		Browser signIn(String user, String password) {
			HttpResponse<String> answer = send(
					request("/login").header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers.ofString("username="
								+ URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
								+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf("/login"))));
			if (answer.headers().firstValue("Location").filter((to) -> !to.contains("error")).isEmpty()) {
				throw new IllegalStateException("Sign-in of " + user + " refused");
			}
			return this;
		}

		/** The CSRF token of the form on this page. */
		String csrf(String page) {
			Matcher token = CSRF.matcher(send(request(page)).body());
			if (!token.find()) {
				throw new IllegalStateException("No CSRF token on " + page);
			}
			return token.group(1);
		}

	}

}
