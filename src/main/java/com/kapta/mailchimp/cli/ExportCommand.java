package com.kapta.mailchimp.cli;

import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import com.kapta.mailchimp.export.ExportLauncher;

/** Export Mailchimp Contacts and Tags. */
@Command(name = "export",
		description = "Exports Mailchimp Contacts and Tags to an xlsx workbook (the import's template).")
class ExportCommand extends JobCommand {

	@Option(names = "--out", paramLabel = "FILE.xlsx",
			description = "Where to write (default: jobs/export/mailchimp-contacts-and-tags-<time>.xlsx).")
	Path out;

	@Option(names = "--with-history",
			description = "Adds a History sheet: every recorded change of the exported contacts' tags, status and email.")
	boolean withHistory;

	@Override
	public Integer call() throws Exception {
		return finish(bean(ExportLauncher.class).launch(this.out, this.withHistory));
	}

}
