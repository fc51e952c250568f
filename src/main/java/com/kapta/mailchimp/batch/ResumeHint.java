package com.kapta.mailchimp.batch;

/**
 * How a user carries on with a job that did not complete, naming the real command and
 * only options it has: the one place where messages name commands (a hint that named
 * {@code downloadTags --restart} or {@code export --restart}, commands that do not exist,
 * was a dead end).
 */
public final class ResumeHint {

	private ResumeHint() {
	}

	/** E.g. {@code resume it with './run.sh download-tags --restart'}. */
	public static String of(String jobName) {
		return switch (jobName) {
			case "upload" -> "resume it with './run.sh upload --restart'";
			case "downloadTags" -> "resume it with './run.sh download-tags --restart'";
			case "import" -> "resume it with './run.sh import --restart'";
			// a push resumes the one that did not finish, and the service pushes every
			// minute anyway
			case "push" -> "resume it with './run.sh push'";
			// an export writes its file from the start: it is run again, never resumed
			case "export" -> "run it again with './run.sh export'";
			default -> throw new IllegalArgumentException("No command runs job " + jobName);
		};
	}

}
