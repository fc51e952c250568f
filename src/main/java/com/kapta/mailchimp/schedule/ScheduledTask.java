package com.kapta.mailchimp.schedule;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.kapta.mailchimp.InvalidInputException;

/**
 * The service's scheduled work, each a Quartz job and trigger of the same name
 * ({@link #quartzName}) running the {@link ServiceTask} bean of that name. {@link #id} is
 * how the console, the API and {@code ./run.sh schedule} name it, and its row in
 * {@code schedule_trigger}.
 */
public enum ScheduledTask {

	/** The nightly Download To Kapta, on a cron an admin may change. */
	DOWNLOAD_TAGS("download-tags", "nightlyTagDownload", "Nightly Download To Kapta"),

	/** The look into the import drop folder. */
	IMPORT_FOLDER("import-folder", "importFolderWatch", "Import folder watch"),

	/** The push of Kapta changes still waiting (edits push right away). */
	PUSH("push", "outboxPush", "Push of waiting changes"),

	/** The look for runs whose process died, which it resumes. */
	RECOVERY_CHECK("recovery-check", "orphanedRuns", "Recovery check");

	private final String id;

	private final String quartzName;

	private final String label;

	ScheduledTask(String id, String quartzName, String label) {
		this.id = id;
		this.quartzName = quartzName;
		this.label = label;
	}

	public String id() {
		return this.id;
	}

	String quartzName() {
		return this.quartzName;
	}

	public String label() {
		return this.label;
	}

	/** Whether an admin may change when it fires (the others run every so often). */
	public boolean hasCron() {
		return this == DOWNLOAD_TAGS;
	}

	/** The task a user named, in any letter case. */
	public static ScheduledTask of(String id) {
		return Arrays.stream(values())
			.filter((task) -> task.id.equalsIgnoreCase(id.strip()))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException("No scheduled task is named '" + id.strip() + "': one of "
					+ Arrays.stream(values()).map(ScheduledTask::id).collect(Collectors.joining(", "))));
	}

	static ScheduledTask ofQuartz(String quartzName) {
		return Arrays.stream(values())
			.filter((task) -> task.quartzName.equals(quartzName))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No task " + quartzName));
	}

}
