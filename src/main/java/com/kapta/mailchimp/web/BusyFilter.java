package com.kapta.mailchimp.web;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import com.kapta.mailchimp.ServiceBusyException;

/**
 * When the service is overwhelmed for a moment (every database connection in use for
 * {@code spring.datasource.hikari.connection-timeout}, a run slow to start) a request
 * gets 503 with {@code Retry-After}, wherever that showed (sign-in, a token's check, a
 * page, the API), instead of a 500: it did nothing wrong and succeeds when tried again.
 * First of the filters, so that it also covers Spring Security's.
 */
class BusyFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(BusyFilter.class);

	/** Seconds a client is asked to wait: the pool frees connections in about that. */
	static final int RETRY_AFTER = 2;

	static final String DETAIL = "The service is busy (all its database connections are in use); try again in a few"
			+ " seconds";

	private final JsonMapper json;

	BusyFilter(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | RuntimeException ex) {
			if (!ServiceBusyException.isBusy(ex) || response.isCommitted()) {
				throw ex;
			}
			log.warn("Answered 503 to {} {}: {}", request.getMethod(), request.getRequestURI(), ex.getMessage());
			busy(request, response, this.json);
		}
	}

	/** Writes the 503 problem document. */
	static void busy(HttpServletRequest request, HttpServletResponse response, JsonMapper json) throws IOException {
		response.resetBuffer();
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setHeader("Retry-After", String.valueOf(RETRY_AFTER));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, DETAIL);
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

}
