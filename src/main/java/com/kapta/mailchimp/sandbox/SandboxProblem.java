package com.kapta.mailchimp.sandbox;

import java.util.List;
import java.util.Map;

/**
 * An error answer of the sandbox, rendered as Mailchimp's
 * {@code application/problem+json}.
 */
final class SandboxProblem extends RuntimeException {

	final int status;

	final String title;

	final List<Map<String, String>> errors;

	SandboxProblem(int status, String title, String detail) {
		this(status, title, detail, null);
	}

	SandboxProblem(int status, String title, String detail, List<Map<String, String>> errors) {
		super(detail);
		this.status = status;
		this.title = title;
		this.errors = errors;
	}

	static SandboxProblem invalidResource(String field, String message) {
		return new SandboxProblem(400, "Invalid Resource",
				"The resource submitted could not be validated. "
						+ "For field-specific details, see the 'errors' array.",
				List.of(Map.of("field", field, "message", message)));
	}

	static SandboxProblem notFound(String what) {
		return new SandboxProblem(404, "Resource Not Found", "The requested resource could not be found: " + what);
	}

}
