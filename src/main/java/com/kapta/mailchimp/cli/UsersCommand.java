package com.kapta.mailchimp.cli;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import com.kapta.mailchimp.users.Role;
import com.kapta.mailchimp.users.UserAccount;
import com.kapta.mailchimp.users.UserAccounts;

/** The users of the web console and the API. */
@Command(name = "users", description = "Adds, lists and removes the users of the web console and the API.",
		subcommands = { UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Remove.class,
				UsersCommand.Password.class, UsersCommand.ChangeRole.class, UsersCommand.Unlock.class,
				UsersCommand.Token.class })
class UsersCommand extends CommandGroup {

	private static final String ROW = "%-30s %-6s %-6s %s%n";

	/** A password given as {@code -} is read from standard input. */
	private static @Nullable String password(@Nullable String option) {
		return "-".equals(option) ? StandardInput.line("the password") : option;
	}

	@Command(name = "add", description = { "Adds a user with a role: admin (everything) or data (export, import,",
			"contacts and their tags, the job history). Without --password one is made and printed once." })
	static class Add extends SpringCommand {

		@Option(names = "--username", required = true, paramLabel = "NAME")
		String username;

		@Option(names = "--role", required = true, paramLabel = "admin|data")
		String role;

		@Option(names = "--password", paramLabel = "-", description = "'-' reads it from standard input.")
		@Nullable String password;

		@Override
		public Integer call() {
			Role chosen = Role.of(this.role);
			var made = bean(UserAccounts.class).add(this.username, chosen, password(this.password));
			out().println("User " + this.username.strip() + " added as " + chosen.label() + ".");
			made.ifPresent((password) -> out().println("Password (shown once): " + password));
			return KaptaCli.OK;
		}

	}

	@Command(name = "list", description = "Lists the users with their role, whether they have an API token, and locks.")
	static class ListUsers extends SpringCommand {

		@Override
		public Integer call() {
			var users = bean(UserAccounts.class).list();
			if (users.isEmpty()) {
				out().println("No users yet: add the first with './run.sh users add --username NAME --role admin'.");
				return KaptaCli.OK;
			}
			out().printf(ROW, "USERNAME", "ROLE", "TOKEN", "LOCKED");
			Instant now = Instant.now();
			for (UserAccount user : users) {
				out().printf(ROW, user.username(), user.role().label(), user.hasToken() ? "yes" : "no",
						user.lockedAt(now) ? "until " + user.lockedUntil() : "-");
			}
			return KaptaCli.OK;
		}

	}

	@Command(name = "remove", description = "Removes a user.")
	static class Remove extends SpringCommand {

		@Parameters(paramLabel = "NAME")
		String username;

		@Override
		public Integer call() {
			bean(UserAccounts.class).remove(this.username);
			out().println("User " + this.username.strip() + " removed.");
			return KaptaCli.OK;
		}

	}

	@Command(name = "password",
			description = "Sets a user's password and lifts a lock. Without --password one is made and printed once.")
	static class Password extends SpringCommand {

		@Parameters(paramLabel = "NAME")
		String username;

		@Option(names = "--password", paramLabel = "-", description = "'-' reads it from standard input.")
		@Nullable String password;

		@Override
		public Integer call() {
			var made = bean(UserAccounts.class).password(this.username, password(this.password));
			out().println("Password of " + this.username.strip() + " changed.");
			made.ifPresent((password) -> out().println("Password (shown once): " + password));
			return KaptaCli.OK;
		}

	}

	@Command(name = "role", description = "Gives a user another role: admin or data.")
	static class ChangeRole extends SpringCommand {

		@Parameters(index = "0", paramLabel = "NAME")
		String username;

		@Parameters(index = "1", paramLabel = "admin|data")
		String role;

		@Override
		public Integer call() {
			Role chosen = Role.of(this.role);
			bean(UserAccounts.class).role(this.username, chosen);
			out().println("User " + this.username.strip() + " is now " + chosen.label() + ".");
			return KaptaCli.OK;
		}

	}

	@Command(name = "unlock", description = "Lifts a user's lock after repeated failed sign-ins.")
	static class Unlock extends SpringCommand {

		@Parameters(paramLabel = "NAME")
		String username;

		@Override
		public Integer call() {
			bean(UserAccounts.class).unlock(this.username);
			out().println("User " + this.username.strip() + " unlocked.");
			return KaptaCli.OK;
		}

	}

	@Command(name = "token", description = { "Makes an API token for a user (replacing the one it had) and prints it",
			"once: send it as 'Authorization: Bearer TOKEN'." })
	static class Token extends SpringCommand {

		@Parameters(paramLabel = "NAME")
		String username;

		@Override
		public Integer call() {
			String token = bean(UserAccounts.class).token(this.username);
			out().println("API token of " + this.username.strip() + " (shown once): " + token);
			return KaptaCli.OK;
		}

	}

}
