package com.kapta.mailchimp;

import java.util.Arrays;
import java.util.Optional;

/**
 * Each job's one identity, used by the command line, the console, the API, the schedule,
 * the reports and each contact's history alike: its name in the job repository (kept as
 * it was, so that the job history of every earlier version still reads), its command, its
 * label in the user guide's words and the menus' order, who may launch, stop and restart
 * it, and how a user carries on with a run that did not complete.
 */
public enum KaptaJob {

	UPLOAD("upload", "upload", "Upload To Mailchimp", true, true),

	DOWNLOAD_TAGS("downloadTags", "download-tags", "Download To Kapta", true, true),

	/** An export writes its file from the start: it is run again, never resumed. */
	EXPORT("export", "export", "Mailchimp Contacts and Tags", false, false),

	IMPORT("import", "import", "Import Mailchimp Contacts and Tags", false, true),

	/**
	 * A push resumes the one that did not finish by running again, and the service pushes
	 * every minute anyway.
	 */
	PUSH("push", "push", "Kapta edits to Mailchimp", false, true);

	private final String jobName;

	private final String command;

	private final String label;

	private final boolean adminOnly;

	private final boolean resumable;

	KaptaJob(String jobName, String command, String label, boolean adminOnly, boolean resumable) {
		this.jobName = jobName;
		this.command = command;
		this.label = label;
		this.adminOnly = adminOnly;
		this.resumable = resumable;
	}

	/** Its name in the job repository: {@code downloadTags}. */
	public String jobName() {
		return this.jobName;
	}

	/** Its command, also the start of its reports' file names: {@code download-tags}. */
	public String command() {
		return this.command;
	}

	/** Its name for users: {@code Download To Kapta}; never {@code downloadTags}. */
	public String label() {
		return this.label;
	}

	/**
	 * Whether only an admin launches, stops and restarts it (the data team imports,
	 * exports and pushes).
	 */
	public boolean adminOnly() {
		return this.adminOnly;
	}

	/**
	 * Whether a run that did not complete is resumed after its last committed chunk (an
	 * export is run again instead).
	 */
	public boolean resumable() {
		return this.resumable;
	}

	/**
	 * How a user carries on with a run that did not complete, naming the real command and
	 * only options it has: {@code resume it with './run.sh download-tags --restart'}.
	 */
	public String resumeHint() {
		return switch (this) {
			case EXPORT -> "run it again with './run.sh export'";
			case PUSH -> "resume it with './run.sh push'";
			default -> "resume it with './run.sh " + this.command + " --restart'";
		};
	}

	/** The job with this name in the job repository, if this version has it. */
	public static Optional<KaptaJob> named(String jobName) {
		return Arrays.stream(values()).filter((job) -> job.jobName.equals(jobName)).findFirst();
	}

	/** A job's label; a name this version does not know, as it is. */
	public static String labelOf(String jobName) {
		return named(jobName).map(KaptaJob::label).orElse(jobName);
	}

	/** Whether runs of the job with this name are an admin's only to stop and restart. */
	public static boolean adminOnly(String jobName) {
		return named(jobName).map(KaptaJob::adminOnly).orElse(false);
	}

	/** The resume hint of the job with this name; none for a name this version lacks. */
	public static String resumeHintOf(String jobName) {
		return named(jobName).map(KaptaJob::resumeHint)
			.orElseThrow(() -> new IllegalArgumentException("No command runs job " + jobName));
	}

}
