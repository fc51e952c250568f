package com.kapta.mailchimp.batch;

import org.springframework.stereotype.Component;

import com.kapta.mailchimp.mailchimp.MailchimpClient;
import com.kapta.mailchimp.mailchimp.MailchimpProperties;

/**
 * How the jobs divide their work, in one place. How many calls are in flight at once is
 * Mailchimp's connection limit, {@code kapta.mailchimp.max-connections}: the upload and
 * the download run that many partitions side by side, the push and the import send that
 * many calls of a chunk at once. A chunk is one transaction (a restart redoes at most
 * one, idempotently); its size follows from Mailchimp's bulk limits.
 */
@Component
public class JobSizes {

	/** Upload: a chunk is one batch subscribe, at most 500 members. */
	public static final int UPLOAD_CHUNK = MailchimpClient.MAX_MEMBERS_PER_WRITE;

	/** Download: a chunk is one member page, at most 1000 members. */
	public static final int DOWNLOAD_CHUNK = MailchimpClient.MAX_PAGE_SIZE;

	/**
	 * Push and import: ten bulk calls' worth of 500, so that a chunk's calls keep
	 * Mailchimp's ten connections busy side by side.
	 */
	public static final int BULK_CHUNK = 10 * MailchimpClient.MAX_MEMBERS_PER_WRITE;

	private final int parallelism;

	public JobSizes(MailchimpProperties mailchimp) {
		this.parallelism = mailchimp.maxConnections();
	}

	/** Partitions side by side, or calls of one chunk at once. */
	public int parallelism() {
		return this.parallelism;
	}

}
