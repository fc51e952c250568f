package com.kapta.mailchimp.mailchimp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.URIBuilder;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP to Mailchimp within its limits: a connection pool capped at Mailchimp's
 * simultaneous-connection limit (callers beyond it wait for a connection), and a slot of
 * the account's {@link ConnectionBudget} for each request on the wire, Mailchimp's
 * timeouts, and retries with exponential backoff and full jitter for throttling, 5xx and
 * lost answers, honouring {@code Retry-After}.
 * <p>
 * Retrying is safe, including for POSTs whose answer was lost, because every call is
 * idempotent as the jobs use it: batch subscribe runs with {@code update_existing=false}
 * (a member created by a lost attempt comes back as {@code ERROR_CONTACT_EXISTS},
 * unchanged), segment adds and removes are set operations, PUT member uses
 * {@code status_if_new}, member tags set a state, and creating a tag that a lost attempt
 * created fails as a duplicate that the caller resolves by reading the tags again.
 * <p>
 * The API key goes only into the Authorization header, which is never logged or put in a
 * message.
 */
final class MailchimpTransport implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(MailchimpTransport.class);

	private final URI baseUrl;

	private final String authorization;

	private final MailchimpProperties properties;

	private final Backoff backoff;

	private final JsonMapper json;

	private final ApiCalls calls;

	private final PoolingHttpClientConnectionManager pool;

	private final CloseableHttpClient http;

	private final ConnectionBudget budget;

	MailchimpTransport(URI baseUrl, String apiKey, MailchimpProperties properties, JsonMapper json, ApiCalls calls,
			ConnectionBudget budget) {
		this.budget = budget;
		this.baseUrl = baseUrl;
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString(("kapta:" + apiKey).getBytes(StandardCharsets.US_ASCII));
		this.properties = properties;
		this.backoff = new Backoff(properties.initialBackoff(), properties.maxBackoff());
		this.json = json;
		this.calls = calls;
		this.pool = PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(properties.maxConnections())
			.setMaxConnPerRoute(properties.maxConnections())
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(Timeout.of(properties.connectTimeout()))
				.setSocketTimeout(Timeout.of(properties.responseTimeout()))
				.build())
			.build();
		this.http = HttpClients.custom()
			.setConnectionManager(this.pool)
			.setDefaultRequestConfig(RequestConfig.custom()
				.setResponseTimeout(Timeout.of(properties.responseTimeout()))
				// callers beyond the cap queue for a connection instead of failing
				.setConnectionRequestTimeout(Timeout.ofMinutes(30))
				.build())
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableRedirectHandling()
			.build();
	}

	/**
	 * An answer, and whether an earlier attempt of the same call lost its answer
	 * (timeout, dropped connection): Mailchimp may then have applied the call already.
	 */
	record Answered<T>(T value, boolean answerLost) {
	}

	/**
	 * Sends the request, retrying transient failures; {@code type} {@code Void} for an
	 * answer without body.
	 */
	<T> T call(String method, String endpoint, String path, Map<String, ?> query, Object body, Class<T> type) {
		return answered(method, endpoint, path, query, body, type).value();
	}

	<T> Answered<T> answered(String method, String endpoint, String path, Map<String, ?> query, Object body,
			Class<T> type) {
		return answered(method, endpoint, path, query, body, type, false);
	}

	/**
	 * As {@link #answered(String, String, String, Map, Object, Class)}; with
	 * {@code splittable}, a time-out (504, or no answer within the response timeout) is
	 * raised at once as {@link PageTimeoutException}: the caller asks for less instead.
	 */
	<T> Answered<T> answered(String method, String endpoint, String path, Map<String, ?> query, Object body,
			Class<T> type, boolean splittable) {
		boolean answerLost = false;
		for (int attempt = 1;; attempt++) {
			try {
				T result = once(method, endpoint, path, query, body, type);
				this.calls.ok(endpoint);
				LastAnswer.answered();
				return new Answered<>(result, answerLost);
			}
			catch (TransientMailchimpException ex) {
				if (splittable && timedOut(ex)) {
					this.calls.retried(endpoint);
					log.warn("Mailchimp {}: {}; asking for a smaller page", endpoint, ex.title());
					throw new PageTimeoutException(endpoint, ex);
				}
				if (attempt >= this.properties.maxAttempts()) {
					this.calls.failed(endpoint);
					LastAnswer.unanswered(ex.title());
					log.warn("Mailchimp {}: {} after {} attempts; giving up", endpoint, ex.title(), attempt);
					throw ex;
				}
				answerLost |= ex instanceof TransportException;
				Duration wait = this.backoff.before(attempt, ex.retryAfterSeconds(), ThreadLocalRandom.current());
				this.calls.retried(endpoint);
				log.warn("Mailchimp {}: {}; retry {} of {} in {} ms", endpoint, ex.title(), attempt,
						this.properties.maxAttempts() - 1, wait.toMillis());
				sleep(wait, endpoint);
			}
			catch (MailchimpException ex) {
				this.calls.failed(endpoint);
				// a refusal is an answer: Mailchimp is there
				LastAnswer.answered();
				throw ex;
			}
		}
	}

	private <T> T once(String method, String endpoint, String path, Map<String, ?> query, Object body, Class<T> type) {
		HttpUriRequestBase request = new HttpUriRequestBase(method, uri(path, query));
		request.setHeader(HttpHeaders.AUTHORIZATION, this.authorization);
		request.setHeader(HttpHeaders.ACCEPT, "application/json");
		if (body != null) {
			request.setEntity(new ByteArrayEntity(this.json.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
		}
		this.calls.request(endpoint);
		try (ConnectionBudget.Slot slot = this.budget.take()) {
			return this.http.execute(request, (response) -> {
				byte[] bytes = (response.getEntity() != null) ? EntityUtils.toByteArray(response.getEntity()) : null;
				int status = response.getCode();
				if (status >= 200 && status < 300) {
					return (type == Void.class || bytes == null || bytes.length == 0) ? null
							: this.json.readValue(bytes, type);
				}
				var retryAfter = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
				throw Problems.toException(this.json, endpoint, status, bytes,
						Backoff.retryAfterSeconds((retryAfter != null) ? retryAfter.getValue() : null));
			});
		}
		catch (IOException ex) {
			throw new TransportException(endpoint, describe(ex), ex);
		}
		catch (JacksonException ex) {
			// asking again would get the same answer
			throw new MailchimpException(endpoint, 200, "Unreadable answer", ex.getOriginalMessage());
		}
	}

	private URI uri(String path, Map<String, ?> query) {
		try {
			var builder = new URIBuilder(this.baseUrl.toString() + path);
			if (query != null) {
				query.forEach((name, value) -> builder.addParameter(name, String.valueOf(value)));
			}
			return builder.build();
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("Not a URL: " + this.baseUrl + path, ex);
		}
	}

	/**
	 * What went wrong on the wire, in words (the exception's class name tells a user
	 * nothing).
	 */
	private static String describe(IOException ex) {
		String what = (ex instanceof SocketTimeoutException) ? "no answer in time" : (ex instanceof ConnectException)
				? "cannot connect" : (ex instanceof UnknownHostException) ? "unknown host" : "connection failed";
		return (ex.getMessage() == null) ? what : what + " (" + ex.getMessage() + ")";
	}

	private static boolean timedOut(TransientMailchimpException ex) {
		return ex.status() == 504 || ex.getCause() instanceof SocketTimeoutException;
	}

	private static void sleep(Duration wait, String endpoint) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TransportException(endpoint, "interrupted while waiting to retry", ex);
		}
	}

	@Override
	public void close() {
		this.http.close(CloseMode.GRACEFUL);
	}

}
