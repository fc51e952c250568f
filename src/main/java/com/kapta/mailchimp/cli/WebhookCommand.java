package com.kapta.mailchimp.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;

import com.kapta.mailchimp.webhook.WebhookRegistration;
import com.kapta.mailchimp.webhook.WebhookRegistration.Status;

/**
 * The audience's webhook from the shell, as the Integrations page shows and changes it.
 * Registering needs the service running at {@code kapta.web.public-url}: Mailchimp checks
 * that the address answers before it accepts the webhook.
 */
@Command(name = "webhook", description = "Shows, registers (or repairs) and removes the audience's webhook.",
		subcommands = { WebhookCommand.Show.class, WebhookCommand.Register.class, WebhookCommand.Remove.class })
class WebhookCommand extends CommandGroup {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneId.systemDefault());

	static void print(SpringCommand command, Status status) {
		command.out().println("webhook:          " + (status.registered() ? "registered" : "not registered"));
		command.out()
			.println("public URL:       " + ((status.publicUrl() != null) ? status.publicUrl()
					: "not set (kapta.web.public-url): changes reach Kapta with the nightly download"));
		if (status.url() != null) {
			command.out().println("address:          " + status.url());
			command.out().println("registered at:    " + time(status.registeredAt()));
		}
		command.out().println("received today:   " + status.receivedToday());
		command.out().println("waiting:          " + status.waiting());
		command.out()
			.println("last event:       " + ((status.lastEventAt() != null)
					? status.lastEventType() + " at " + time(status.lastEventAt()) : "none"));
		if (status.lastFailure() != null) {
			command.out()
				.println("last failure:     " + status.lastFailure() + " (" + time(status.lastFailureAt()) + ")");
		}
	}

	private static String time(@Nullable Instant at) {
		return (at != null) ? TIME.format(at) : "-";
	}

	@Command(name = "status", description = "Shows whether the webhook is registered and what it received.")
	static class Show extends SpringCommand {

		@Override
		public Integer call() {
			print(this, bean(WebhookRegistration.class).status());
			return KaptaCli.OK;
		}

	}

	@Command(name = "register", description = { "Registers the webhook at kapta.web.public-url, or repairs it.",
			"The service must answer at that address: Mailchimp checks it first." })
	static class Register extends SpringCommand {

		@Override
		public Integer call() {
			print(this, bean(WebhookRegistration.class).register());
			return KaptaCli.OK;
		}

	}

	@Command(name = "remove", description = "Removes Kapta's webhook from the audience and forgets its secrets.")
	static class Remove extends SpringCommand {

		@Override
		public Integer call() {
			print(this, bean(WebhookRegistration.class).remove());
			return KaptaCli.OK;
		}

	}

}
