package com.kapta.mailchimp.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.contact.Contact;
import com.kapta.mailchimp.contact.ContactCsvLoader;
import com.kapta.mailchimp.contact.ContactCsvLoader.LoadResult;
import com.kapta.mailchimp.contact.ContactService;
import com.kapta.mailchimp.contact.TagNames;
import com.kapta.mailchimp.push.EditPushes;

/** Kapta's contact window on the command line. */
@Command(name = "contacts", description = "Adds, tags, lists and bulk-loads Kapta contacts.",
		subcommands = { ContactsCommand.Add.class, ContactsCommand.Tag.class, ContactsCommand.ListContacts.class,
				ContactsCommand.Load.class })
class ContactsCommand extends CommandGroup {

	private static final String ROW = "%-40s %-20s %-20s %-14s %s%n";

	static void header(PrintWriter out) {
		out.printf(ROW, "EMAIL", "FIRST NAME", "LAST NAME", "MAILCHIMP", "TAGS");
	}

	static void print(PrintWriter out, Contact contact) {
		out.printf(ROW, contact.email(), orDash(contact.firstName()), orDash(contact.lastName()),
				orDash(contact.mailchimpStatus()), String.join(", ", contact.tags()));
	}

	private static String orDash(String value) {
		return value != null ? value : "-";
	}

	/** After a change: what became of the changes it queued, if the integration is on. */
	static void sendNow(SpringCommand command) {
		command.bean(EditPushes.class).afterCommand().ifPresent(command.out()::println);
	}

	@Command(name = "add",
			description = "Creates a contact; an email Kapta already has (in any letter case) is refused.")
	static class Add extends SpringCommand {

		@Option(names = "--email", required = true, paramLabel = "E")
		String email;

		@Option(names = "--first-name", paramLabel = "F")
		String firstName;

		@Option(names = "--last-name", paramLabel = "L")
		String lastName;

		@Option(names = "--tags", paramLabel = "\"A,B\"", description = "Comma-separated Mailchimp tags.")
		String tags;

		@Override
		public Integer call() {
			List<String> tagNames = TagNames.parse(this.tags, ',');
			Contact contact = bean(ContactService.class).add(this.email, this.firstName, this.lastName, tagNames);
			out().println("Contact #" + contact.id() + " added.");
			header(out());
			print(out(), contact);
			sendNow(this);
			return KaptaCli.OK;
		}

	}

	@Command(name = "tag", description = "Adds and removes Mailchimp tags of a contact.")
	static class Tag extends SpringCommand {

		@Option(names = "--email", required = true, paramLabel = "E")
		String email;

		@Option(names = "--add", paramLabel = "\"A,B\"", description = "Comma-separated tags to add.")
		String add;

		@Option(names = "--remove", paramLabel = "\"C\"", description = "Comma-separated tags to remove.")
		String remove;

		@Override
		public Integer call() {
			List<String> added = TagNames.parse(this.add, ',');
			List<String> removed = TagNames.parse(this.remove, ',');
			if (added.isEmpty() && removed.isEmpty()) {
				throw new picocli.CommandLine.ParameterException(this.spec.commandLine(), "Give --add or --remove");
			}
			var change = bean(ContactService.class).tag(this.email, added, removed);
			out().println("Tags added: " + describe(change.added()) + "; removed: " + describe(change.removed()) + ".");
			header(out());
			print(out(), change.contact());
			sendNow(this);
			return KaptaCli.OK;
		}

		private static String describe(List<String> tags) {
			return tags.isEmpty() ? "none" : String.join(", ", tags);
		}

	}

	@Command(name = "list", description = "Lists contacts (email, names, Mailchimp status, tags), ordered by email.")
	static class ListContacts extends SpringCommand {

		@Option(names = "--email", paramLabel = "E", description = "Only the contact with this email.")
		String email;

		@Override
		public Integer call() {
			ContactService contacts = bean(ContactService.class);
			if (this.email != null) {
				Contact contact = contacts.find(this.email)
					.orElseThrow(() -> new KaptaException("No contact has the email " + this.email.strip()));
				header(out());
				print(out(), contact);
				return KaptaCli.OK;
			}
			header(out());
			contacts.forEach((contact) -> print(out(), contact));
			return KaptaCli.OK;
		}

	}

	@Command(name = "load", description = { "Loads contacts from a CSV file: header email,first_name,last_name,tags;",
			"tags separated by ';'; UTF-8. Bad lines are listed with their line number; the good ones load." })
	static class Load extends SpringCommand {

		@Parameters(paramLabel = "FILE.csv")
		Path file;

		@Override
		public Integer call() {
			LoadResult result = bean(ContactCsvLoader.class).load(this.file);
			out().println("Loaded " + result.loaded() + " contacts from " + this.file + "; " + result.rejected().size()
					+ " lines rejected.");
			result.rejected().forEach((line) -> out().println("  line " + line.line() + ": " + line.reason()));
			sendNow(this);
			return KaptaCli.OK;
		}

	}

}
