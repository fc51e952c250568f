package com.kapta.mailchimp.cli;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.batch.core.job.JobExecution;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.KaptaJob;
import com.kapta.mailchimp.settings.Settings;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.synchronize.SaveAndSynchronize;
import com.kapta.mailchimp.synchronize.SaveAndSynchronize.Synchronized;

/** Kapta's integration settings screen. */
@Command(name = "settings",
		description = "Shows or saves the integration settings (API URL, API key, audience, new members' status).",
		subcommands = { SettingsCommand.Show.class, SettingsCommand.Save.class })
class SettingsCommand extends CommandGroup {

	@Command(name = "show", description = "Prints the settings; the API key shows only its data center (****-us6).")
	static class Show extends SpringCommand {

		@Override
		public Integer call() {
			print(bean(SettingsService.class).current());
			return KaptaCli.OK;
		}

		void print(Settings settings) {
			out().printf("Enabled:      %s%n", settings.enabled() ? "yes" : "no");
			out().printf("API URL:      %s%n", orNotSet(settings.apiUrl()));
			out().printf("API key:      %s%n",
					settings.apiKey()
						.map((key) -> key.masked() + (settings.keyFromEnvironment() ? " (from MAILCHIMP_API_KEY)" : ""))
						.orElse("(not set)"));
			out().printf("Audience:     %s%n", orNotSet(settings.audienceName()));
			out().printf("Audience id:  %s%n",
					settings.audienceId() != null ? settings.audienceId() : "(not known yet)");
			out().printf("New members:  %s%n", settings.newMembersExplained());
		}

		private static String orNotSet(String value) {
			return value != null ? value : "(not set)";
		}

	}

	@Command(name = "save", description = { "Save: stores the settings without contacting Mailchimp.",
			"Options not given keep their value; an empty --api-url is derived from the key's data center.",
			"With --synchronize (Save and Synchronize): verifies them against Mailchimp first, saves only then,",
			"and runs an upload (no tags) and a tag download." })
	static class Save extends Show {

		@Option(names = "--enabled", arity = "1", paramLabel = "true|false",
				description = "Turns the integration on or off.")
		Boolean enabled;

		@Option(names = "--api-url", paramLabel = "URL", description = "e.g. https://us6.api.mailchimp.com/3.0")
		String apiUrl;

		@Option(names = "--api-key", paramLabel = "KEY",
				description = "<32 hex>-<dc>; '-' reads it from standard input (keeps it out of the shell history).")
		String apiKey;

		@Option(names = "--audience", paramLabel = "NAME", description = "The audience Kapta's contacts join.")
		String audience;

		@Option(names = "--new-member-status", paramLabel = "audience|subscribed|pending", description = {
				"The status of the members Kapta creates: as the audience asks (pending when it",
				"asks for double opt-in; the default), subscribed, or pending (Mailchimp asks each to confirm)." })
		String newMemberStatus;

		@Option(names = "--synchronize",
				description = "Save and Synchronize: verify, save, then upload and download tags.")
		boolean synchronize;

		@Override
		public Integer call() {
			String key = "-".equals(this.apiKey) ? StandardInput.line("the API key") : this.apiKey;
			SettingsChange change = new SettingsChange(this.enabled, this.apiUrl, key, this.audience,
					this.newMemberStatus);
			if (!this.synchronize) {
				Settings saved = bean(SettingsService.class).save(change);
				out().println("Settings saved (Mailchimp was not contacted).");
				print(saved);
				return KaptaCli.OK;
			}
			Synchronized result = bean(SaveAndSynchronize.class).run(change);
			out().println("Settings verified with Mailchimp (API key accepted, audience found) and saved.");
			print(result.settings());
			for (JobExecution run : List.of(result.upload(), result.download())) {
				out().println(run.getJobInstance().getJobName() + ":");
				if (!JobCommand.summary(out(), run)) {
					String job = run.getJobInstance().getJobName();
					throw new KaptaException("The settings were saved, but the " + job + " run ended " + run.getStatus()
							+ "; " + KaptaJob.resumeHintOf(job));
				}
			}
			return KaptaCli.OK;
		}

	}

}
