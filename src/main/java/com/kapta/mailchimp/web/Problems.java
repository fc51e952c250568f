package com.kapta.mailchimp.web;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import com.kapta.mailchimp.ServiceBusyException;

/**
 * The API's refusals before a controller runs (no sign-in, no role) as RFC 9457 problem
 * documents, like every other API error.
 */
final class Problems {

	private final JsonMapper json;

	Problems(JsonMapper json) {
		this.json = json;
	}

	AuthenticationEntryPoint unauthenticated() {
		return (request, response, ex) -> {
			if (ServiceBusyException.isBusy(ex)) {
				// the user could not be looked up: not a refusal, a moment of overload
				busy(request, response);
				return;
			}
			response.setHeader("WWW-Authenticate", "Basic realm=\"Kapta\"");
			// a locked user gets these same words: telling it apart would tell a stranger
			// which usernames exist
			write(request, response, HttpStatus.UNAUTHORIZED,
					"Sign in: HTTP Basic with a Kapta user, or 'Authorization: Bearer' with its API token");
		};
	}

	AccessDeniedHandler forbidden() {
		return (request, response, ex) -> write(request, response, HttpStatus.FORBIDDEN,
				"Your role does not allow this; ask an admin");
	}

	/** The service overwhelmed for a moment: 503, and when to try again. */
	void busy(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(ServiceBusyException.RETRY_AFTER_SECONDS));
		write(request, response, HttpStatus.SERVICE_UNAVAILABLE, BusyFilter.DETAIL);
	}

	void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
