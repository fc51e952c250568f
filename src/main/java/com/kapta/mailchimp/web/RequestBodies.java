package com.kapta.mailchimp.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What a request body may be, decided before anything reads it:
 * <ul>
 * <li>a multipart body only on the two import uploads (the console's and the API's); on
 * any other URL it is 415, unread (Spring Security's CSRF check and Tomcat would
 * otherwise parse, and store, whatever file is sent);</li>
 * <li>an import upload whose announced size is above {@code kapta.web.max-upload} goes
 * back to the Data page with its message, unread (the console's CSRF check reads the
 * form, and a parse that overruns the limit ends in a bare 413);</li>
 * <li>a JSON body at most {@code kapta.web.max-json}: 413 above it, whether announced or
 * sent in chunks.</li>
 * </ul>
 */
class RequestBodies extends OncePerRequestFilter {

	static final String CONSOLE_IMPORT = "/data/import";

	private static final Set<String> UPLOADS = Set.of(CONSOLE_IMPORT, "/api/jobs/import");

	private final Problems problems;

	private final long maxUpload;

	private final long maxJson;

	RequestBodies(Problems problems, long maxUpload, long maxJson) {
		this.problems = problems;
		this.maxUpload = maxUpload;
		this.maxJson = maxJson;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String type = request.getContentType();
		if (type == null) {
			chain.doFilter(request, response);
			return;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (type.regionMatches(true, 0, "multipart/", 0, "multipart/".length())) {
			if (!UPLOADS.contains(path) || !"POST".equals(request.getMethod())) {
				refuse(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
						"A file upload is accepted only by the import ("
								+ String.join(", ", UPLOADS.stream().sorted().toList()) + ")");
				return;
			}
			if (path.equals(CONSOLE_IMPORT) && request.getContentLengthLong() > this.maxUpload) {
				response.sendRedirect(request.getContextPath() + "/data?too-large");
				return;
			}
		}
		else if (isJson(type)) {
			long announced = request.getContentLengthLong();
			if (announced > this.maxJson) {
				refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, tooLarge());
				return;
			}
			if (announced < 0) {
				// sent in chunks: read up to the limit here, so that Jackson never sees
				// more
				byte[] body = request.getInputStream()
					.readNBytes((int) Math.min(this.maxJson + 1, Integer.MAX_VALUE - 8));
				if (body.length > this.maxJson) {
					refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, tooLarge());
					return;
				}
				request = new ReadBody(request, body);
			}
		}
		chain.doFilter(request, response);
	}

	private String tooLarge() {
		return "The JSON body is larger than the " + (this.maxJson >> 10) + " KB a request may send"
				+ " (kapta.web.max-json)";
	}

	private static boolean isJson(String type) {
		String bare = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
		return bare.equals("application/json") || bare.endsWith("+json");
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			this.problems.write(request, response, status, detail);
		}
		else {
			response.sendError(status.value());
		}
	}

	/** A request whose body has been read already (at most {@code max-json} bytes). */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			var in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("A body read already is read synchronously");
				}

			};
		}

	}

}
