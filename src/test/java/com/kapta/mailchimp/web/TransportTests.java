package com.kapta.mailchimp.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.TestHomes;
import com.kapta.mailchimp.users.Role;
import com.kapta.mailchimp.users.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the console's passwords and cookies travel: over the service's own TLS (a PKCS#12
 * key store, as docs/security.md shows) and behind a proxy that serves TLS, the session
 * cookie is {@code Secure} and HSTS is sent; in plain HTTP beyond loopback a warning.
 */
class TransportTests {

	private static final String PASSWORD = "store password";

	@Test
	void overTlsTheSessionCookieIsSecureAndHstsIsSent() throws Exception {
		Path store = keyStore();
		try (WebService service = WebService.start("TransportTests-tls", "--server.ssl.key-store=" + store,
				"--server.ssl.key-store-password=" + PASSWORD, "--server.ssl.key-store-type=PKCS12")) {
			service.bean(UserAccounts.class).add("ann", Role.ADMIN, "ann's long password");
			assertThat(service.uri("/").getScheme()).isEqualTo("https");
			WebService.Browser browser = service.browser(trusting(store));

			HttpResponse<String> form = browser.send(browser.request("/login"));
			assertThat(form.headers().firstValue("Strict-Transport-Security"))
				.hasValueSatisfying((hsts) -> assertThat(hsts).contains("max-age="));
			assertThat(sessionCookies(form)).isNotEmpty().allSatisfy((cookie) -> assertThat(cookie).contains("Secure"));
			browser.signIn("ann", "ann's long password");
			assertThat(browser.send(browser.request("/")).body()).contains("Signed in as");
		}
	}

	@Test
	void behindAProxyThatServesTlsTheCookieIsSecureToo() {
		try (WebService service = WebService.start("TransportTests-proxy",
				"--server.forward-headers-strategy=native")) {
			WebService.Browser browser = service.browser();
			HttpResponse<String> viaProxy = browser
				.send(browser.request("/login").header("X-Forwarded-Proto", "https").header("X-Forwarded-Port", "443"));
			assertThat(sessionCookies(viaProxy)).isNotEmpty()
				.allSatisfy((cookie) -> assertThat(cookie).contains("Secure"));
			assertThat(viaProxy.headers().firstValue("Strict-Transport-Security")).isPresent();

			HttpResponse<String> plain = service.browser().send(service.browser().request("/login"));
			assertThat(sessionCookies(plain)).isNotEmpty()
				.noneSatisfy((cookie) -> assertThat(cookie).contains("Secure"));
			assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
		}
	}

	@Test
	void plainHttpBeyondThisMachineIsWarnedAbout() throws Exception {
		InetAddress everywhere = InetAddress.getByName("0.0.0.0");
		InetAddress lan = InetAddress.getByName("192.168.1.20");
		assertThat(WebTransport.warning(everywhere, false, false))
			.hasValueSatisfying((warning) -> assertThat(warning).contains("0.0.0.0", "plain HTTP", "server.ssl"));
		assertThat(WebTransport.warning(lan, false, false)).isPresent();
		assertThat(WebTransport.warning(everywhere, true, false)).isEmpty();
		assertThat(WebTransport.warning(lan, false, true)).isEmpty();
		assertThat(WebTransport.warning(InetAddress.getLoopbackAddress(), false, false)).isEmpty();
	}

	private static List<String> sessionCookies(HttpResponse<String> answer) {
		return answer.headers().allValues("Set-Cookie").stream().filter((c) -> c.startsWith("JSESSIONID")).toList();
	}

	/** A self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
	private static Path keyStore() throws IOException, InterruptedException {
		Path store = TestHomes.reset("TransportTests-keystore").resolve("kapta.p12");
		Files.createDirectories(store.getParent());
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		Process made = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "kapta", "-keyalg", "RSA",
				"-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
				"-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD)
			.redirectErrorStream(true)
			.start();
		String output = new String(made.getInputStream().readAllBytes());
		assertThat(made.waitFor()).as(output).isZero();
		return store;
	}

	private static SSLContext trusting(Path store) throws IOException, GeneralSecurityException {
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store)) {
			keys.load(in, PASSWORD.toCharArray());
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(keys);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

}
