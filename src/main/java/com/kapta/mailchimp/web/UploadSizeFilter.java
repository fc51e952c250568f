package com.kapta.mailchimp.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an upload whose announced size is above {@code kapta.web.max-upload} before
 * anything reads it. Needed for the console: its CSRF check reads the form's parameters,
 * which makes the server parse the upload, and a parse that overruns the limit ends in a
 * bare 413 instead of the Data page's message.
 */
class UploadSizeFilter extends OncePerRequestFilter {

	private final long maxBytes;

	UploadSizeFilter(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String type = request.getContentType();
		if ("POST".equals(request.getMethod()) && type != null && type.startsWith("multipart/")
				&& request.getContentLengthLong() > this.maxBytes && !request.getRequestURI().startsWith("/api/")) {
			response.sendRedirect(request.getContextPath() + "/data?too-large");
			return;
		}
		chain.doFilter(request, response);
	}

}
