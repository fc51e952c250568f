package com.kapta.mailchimp.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	static final String DETAIL = "The service is busy (all its database connections are in use); try again in a few"
			+ " seconds";

	private final Problems problems;

	BusyFilter(Problems problems) {
		this.problems = problems;
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
			// a webhook's address holds its token: never logged
			String path = request.getRequestURI().contains("/webhooks/") ? "a webhook delivery"
					: request.getRequestURI();
			log.warn("Answered 503 to {} {}: {}", request.getMethod(), path, ex.getMessage());
			response.resetBuffer();
			this.problems.busy(request, response);
		}
	}

}
