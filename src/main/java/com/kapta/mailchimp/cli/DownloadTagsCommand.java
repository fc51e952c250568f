package com.kapta.mailchimp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.tagdownload.DownloadLauncher;

/** Download To Kapta. */
@Command(name = "download-tags",
		description = { "Download To Kapta: gives Kapta contacts exactly their Mailchimp tags (one way).",
				"It reads each tag's members when that takes fewer calls than reading every member, and every "
						+ "member when the last completed download is older than kapta.download.full-scan-every." })
class DownloadTagsCommand extends JobCommand {

	@Option(names = "--dry-run", description = "Report what would change in Kapta; change nothing.")
	boolean dryRun;

	@Option(names = "--full",
			description = "Read every member (the full scan), even when reading tag by tag would take fewer calls.")
	boolean full;

	@Option(names = "--restart", description = "Resume the last download that failed, was stopped or was killed.")
	boolean restart;

	@Override
	public Integer call() {
		if (this.restart && (this.dryRun || this.full)) {
			throw new InvalidInputException("--restart resumes the last download as it was launched; give no "
					+ (this.dryRun ? "--dry-run" : "--full"));
		}
		DownloadLauncher launcher = bean(DownloadLauncher.class);
		return finish(this.restart ? launcher.restart() : launcher.launch(this.dryRun, this.full));
	}

}
