package com.kapta.mailchimp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.tagdownload.DownloadLauncher;

/** Download To Kapta. */
@Command(name = "download-tags",
		description = "Download To Kapta: gives Kapta contacts exactly their Mailchimp tags (one way).")
class DownloadTagsCommand extends JobCommand {

	@Option(names = "--dry-run", description = "Report what would change in Kapta; change nothing.")
	boolean dryRun;

	@Option(names = "--restart", description = "Resume the last download that failed, was stopped or was killed.")
	boolean restart;

	@Override
	public Integer call() {
		if (this.restart && this.dryRun) {
			throw new InvalidInputException(
					"--restart resumes the last download as it was launched; give no --dry-run");
		}
		DownloadLauncher launcher = bean(DownloadLauncher.class);
		return finish(this.restart ? launcher.restart() : launcher.launch(this.dryRun));
	}

}
