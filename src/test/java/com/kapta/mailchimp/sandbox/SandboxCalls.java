package com.kapta.mailchimp.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls to the sandbox as another tool makes them to Mailchimp: JSON, Basic with any user
 * name and the key.
 */
public final class SandboxCalls {

	private SandboxCalls() {
	}

	/**
	 * Sends the call; {@code source} acts on Mailchimp's side ({@code X-Sandbox-Source}),
	 * none makes it an API call.
	 */
	public static HttpResponse<String> send(MailchimpSandbox sandbox, String method, String url, @Nullable String json,
			@Nullable String source) throws IOException, InterruptedException {
		String basic = Base64.getEncoder()
			.encodeToString(("anystring:" + sandbox.apiKey()).getBytes(StandardCharsets.UTF_8));
		var request = HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/json");
		if (source != null) {
			request.header(SandboxHandler.SOURCE_HEADER, source);
		}
		request.method(method,
				(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A text field of an answer's JSON (the first of that name). */
	public static String field(String json, String name) {
		Matcher value = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
		assertThat(value.find()).as(name + " in " + json).isTrue();
		return value.group(1);
	}

}
