package com.kapta.mailchimp.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.ServiceBusyException;
import com.kapta.mailchimp.users.Role;
import com.kapta.mailchimp.users.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service whose database connections are all taken for a while (a pool of three, held
 * here) answers 503 with {@code Retry-After} within its pool's timeout, whichever door
 * the request came through, and answers as before once they are given back.
 */
class WebBusyTests {

	private static WebService service;

	@BeforeAll
	static void start() {
		service = WebService.start("WebBusyTests", "--spring.datasource.hikari.maximum-pool-size=3",
				"--spring.datasource.hikari.connection-timeout=500");
		service.bean(UserAccounts.class).add("ann", Role.ADMIN, "ann's long password");
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@Test
	void everyConnectionInUseIsA503WithRetryAfterAndTheServiceRecoversByItself() throws Exception {
		List<Connection> held = new ArrayList<>();
		HttpResponse<String> api;
		HttpResponse<String> signIn;
		long took;
		try {
			// the pool's own connections: the application's are taken at their first
			// statement
			DataSource pool = service.bean(DataSource.class).unwrap(HikariDataSource.class);
			for (int i = 0; i < 3; i++) {
				held.add(pool.getConnection());
			}
			long start = System.nanoTime();
			api = service.browser().send(basic(HttpRequest.newBuilder(service.uri("/api/contacts?q=a"))));
			took = (System.nanoTime() - start) / 1_000_000;
			signIn = service.browser()
				.send(HttpRequest.newBuilder(service.uri("/api/jobs")).header("Authorization", "Bearer kapta_nope"));
		}
		finally {
			for (Connection connection : held) {
				connection.close();
			}
		}

		assertThat(api.statusCode()).as(api.body()).isEqualTo(503);
		assertThat(api.headers().firstValue("Retry-After"))
			.contains(String.valueOf(ServiceBusyException.RETRY_AFTER_SECONDS));
		assertThat(api.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(api.body()).contains("\"status\":503", "try again").doesNotContain("Exception", "SQL");
		assertThat(took).as("answered within the pool's timeout, not after 30 s").isLessThan(5_000);
		assertThat(signIn.statusCode()).as("a token checked while the pool is full").isEqualTo(503);

		HttpResponse<String> after = service.browser()
			.send(basic(HttpRequest.newBuilder(service.uri("/api/contacts?q=a"))));
		assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
	}

	private static HttpRequest.Builder basic(HttpRequest.Builder request) {
		return request.header("Authorization", "Basic "
				+ Base64.getEncoder().encodeToString("ann:ann's long password".getBytes(StandardCharsets.UTF_8)));
	}

}
