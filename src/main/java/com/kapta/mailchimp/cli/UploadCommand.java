package com.kapta.mailchimp.cli;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.contact.TagNames;
import com.kapta.mailchimp.upload.UploadLauncher;

/** Upload To Mailchimp. */
@Command(name = "upload",
		description = "Upload To Mailchimp: adds Kapta contacts to the audience, tagging only the new ones.")
class UploadCommand extends JobCommand {

	@Option(names = "--tags", paramLabel = "\"A,B\"",
			description = "Tags for the contacts this upload adds (created on the audience if missing).")
	String tags;

	@Option(names = "--dry-run", description = "Look up what would be added; change nothing on either side.")
	boolean dryRun;

	@Option(names = "--restart", description = "Resume the last upload that failed, was stopped or was killed.")
	boolean restart;

	@Override
	public Integer call() {
		if (this.restart) {
			if (this.tags != null || this.dryRun) {
				throw new InvalidInputException(
						"--restart resumes the last upload with its own tags; give no --tags or --dry-run");
			}
			return finish(bean(UploadLauncher.class).restart());
		}
		if (this.tags != null && this.tags.isBlank()) {
			throw new InvalidInputException("A tag name is empty");
		}
		List<String> launchTags = TagNames.parse(this.tags, ',');
		return finish(bean(UploadLauncher.class).launch(launchTags, this.dryRun));
	}

}
