package com.kapta.mailchimp.batch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The jobs as users know them, in the user guide's words and the menus' order: never
 * {@code downloadTags} on a page, in a history line or a workbook.
 */
public final class JobLabels {

	private static final Map<String, String> LABELS = labels();

	private JobLabels() {
	}

	private static Map<String, String> labels() {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("upload", "Upload To Mailchimp");
		labels.put("downloadTags", "Download To Kapta");
		labels.put("export", "Mailchimp Contacts and Tags");
		labels.put("import", "Import Mailchimp Contacts and Tags");
		labels.put("push", "Kapta edits to Mailchimp");
		return labels;
	}

	/** Every job by its name, with its label. */
	public static Map<String, String> all() {
		return LABELS;
	}

	/** A job's label; a name this version does not know, as it is. */
	public static String of(String jobName) {
		return LABELS.getOrDefault(jobName, jobName);
	}

}
