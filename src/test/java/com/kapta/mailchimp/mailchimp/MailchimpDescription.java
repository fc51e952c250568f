package com.kapta.mailchimp.mailchimp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import com.kapta.mailchimp.sandbox.MailchimpSandbox.RecordedExchange;

/**
 * Mailchimp's own API description (the trimmed copy in src/test/resources/mailchimp, with
 * its source note), as a judge of requests and answers that crossed the wire.
 */
public final class MailchimpDescription {

	private static final OpenApiInteractionValidator VALIDATOR = load();

	private MailchimpDescription() {
	}

	/**
	 * What of these requests and answers the description does not allow, one line each.
	 */
	public static List<String> problems(List<RecordedExchange> exchanges) {
		List<String> problems = new ArrayList<>();
		for (RecordedExchange exchange : exchanges) {
			ValidationReport report = VALIDATOR.validate(request(exchange), response(exchange));
			report.getMessages()
				.forEach((message) -> problems.add(exchange.method() + " " + exchange.path() + " -> "
						+ exchange.status() + ": " + message.getKey() + " " + message.getMessage()));
		}
		return problems;
	}

	private static OpenApiInteractionValidator load() {
		try (InputStream spec = MailchimpDescription.class
			.getResourceAsStream("/mailchimp/marketing-api-trimmed.json")) {
			return OpenApiInteractionValidator
				.createForInlineApiSpecification(new String(spec.readAllBytes(), StandardCharsets.UTF_8))
				.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Request request(RecordedExchange exchange) {
		var builder = new SimpleRequest.Builder(Request.Method.valueOf(exchange.method()), exchange.path());
		exchange.headers().forEach(builder::withHeader);
		if (exchange.rawQuery() != null) {
			for (String pair : exchange.rawQuery().split("&")) {
				String[] parts = pair.split("=", 2);
				builder.withQueryParam(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
						parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
			}
		}
		if (exchange.requestBody().length > 0) {
			builder.withBody(new String(exchange.requestBody(), StandardCharsets.UTF_8));
		}
		return builder.build();
	}

	private static Response response(RecordedExchange exchange) {
		var builder = SimpleResponse.Builder.status(exchange.status());
		if (exchange.contentType() != null) {
			builder.withContentType(exchange.contentType());
		}
		if (exchange.responseBody().length > 0) {
			builder.withBody(new String(exchange.responseBody(), StandardCharsets.UTF_8));
		}
		return builder.build();
	}

}
