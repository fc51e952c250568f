package com.kapta.mailchimp.cli;

import picocli.CommandLine.Command;

import com.kapta.mailchimp.push.PushLauncher;

/** Push: sends Kapta's waiting contact changes to Mailchimp. */
@Command(name = "push",
		description = "Sends Kapta's waiting contact and tag changes to Mailchimp (new contacts join the audience).")
class PushCommand extends JobCommand {

	@Override
	public Integer call() {
		return finish(bean(PushLauncher.class).launch());
	}

}
