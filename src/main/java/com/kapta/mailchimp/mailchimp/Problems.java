package com.kapta.mailchimp.mailchimp;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns Mailchimp's error answers ({@code application/problem+json}) into typed
 * exceptions.
 */
final class Problems {

	/** Mailchimp's problem document; {@code errors} only for Invalid Resource. */
	record Problem(String type, String title, Integer status, String detail, String instance,
			List<InvalidResourceException.FieldError> errors) {
	}

	private Problems() {
	}

	static MailchimpException toException(JsonMapper json, String endpoint, int status, byte[] body,
			long retryAfterSeconds) {
		Problem problem = parse(json, body);
		String title = (problem != null && problem.title() != null) ? problem.title() : reason(status);
		String detail = (problem != null) ? problem.detail() : null;
		if (status == 429 || (status == 403 && problem == null)) {
			// at high volume Mailchimp throttles with a bare 403: no problem document
			return new ThrottledException(endpoint, status, title, detail, retryAfterSeconds);
		}
		if (status >= 500) {
			return new ServerErrorException(endpoint, status, title, detail, retryAfterSeconds);
		}
		if (status == 401 || status == 403) {
			return new AuthenticationException(endpoint, status, title, detail);
		}
		if (status == 404) {
			return new NotFoundException(endpoint, status, title, detail);
		}
		return switch (title) {
			case "Invalid Resource" -> new InvalidResourceException(endpoint, status, title, detail,
					problem != null ? problem.errors() : null);
			default -> new MailchimpException(endpoint, status, title, detail);
		};
	}

	private static @Nullable Problem parse(JsonMapper json, byte @Nullable [] body) {
		if (body == null || body.length == 0) {
			return null;
		}
		try {
			Problem problem = json.readValue(body, Problem.class);
			return (problem.title() != null) ? problem : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String reason(int status) {
		return switch (status) {
			case 400 -> "Bad Request";
			case 401 -> "API Key Invalid";
			case 403 -> "Forbidden";
			case 404 -> "Resource Not Found";
			case 429 -> "Too Many Requests";
			case 500 -> "Internal Server Error";
			case 502 -> "Bad Gateway";
			case 503 -> "Service Unavailable";
			case 504 -> "Gateway Timeout";
			default -> "HTTP " + status;
		};
	}

}
