package com.kapta.mailchimp.audit;

import java.util.Locale;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import com.kapta.mailchimp.Texts;

/**
 * Who acts, and from where: a console or API user with the client's address, the OS user
 * of a command, the service's schedule, the drop-folder watch, Mailchimp's webhooks. The
 * actor of the work in hand is this thread's if one was set (a web request, the folder
 * watch), else the process's (the OS user for a command, {@code schedule} in the
 * service).
 *
 * @param who the user name, or one of the service's own names
 * @param channel where the action came from
 * @param address the client's network address, for the console and the API
 */
public record Actor(String who, Channel channel, @Nullable String address) {

	/** Where an action came from. */
	public enum Channel {

		CONSOLE, API, CLI, SCHEDULE, FOLDER, WEBHOOK;

		/** As people read it: "console". */
		public String word() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** The service's own triggers: the schedule, and what it starts by itself. */
	public static final Actor SCHEDULE = new Actor("schedule", Channel.SCHEDULE, null);

	/** The drop-folder watch, importing what arrives in the import folder. */
	public static final Actor FOLDER = new Actor("folder", Channel.FOLDER, null);

	/** Mailchimp, telling of a change on its side (a webhook event). */
	public static final Actor MAILCHIMP = new Actor("mailchimp", Channel.WEBHOOK, null);

	private static final ThreadLocal<Actor> CURRENT = new ThreadLocal<>();

	private static final Actor PROCESS = commandLine();

	public Actor {
		who = Texts.truncate(who, 100);
	}

	/** The actor of the work in hand in this thread. */
	public static Actor current() {
		Actor actor = CURRENT.get();
		return (actor != null) ? actor : PROCESS;
	}

	/** The OS user that runs this process, acting through a command. */
	public static Actor commandLine() {
		String user = System.getProperty("user.name");
		return new Actor((user == null || user.isBlank()) ? "unknown" : user, Channel.CLI, null);
	}

	/** Runs {@code work} as {@code actor} in this thread. */
	public static <T> T as(Actor actor, Supplier<T> work) {
		Actor before = CURRENT.get();
		CURRENT.set(actor);
		try {
			return work.get();
		}
		finally {
			if (before == null) {
				CURRENT.remove();
			}
			else {
				CURRENT.set(before);
			}
		}
	}

	/** Runs {@code work} as {@code actor} in this thread. */
	public static void as(Actor actor, Runnable work) {
		as(actor, () -> {
			work.run();
			return null;
		});
	}

	/** "admin (console, 127.0.0.1)". */
	public String describe() {
		return this.who + " (" + this.channel.word() + ((this.address != null) ? ", " + this.address : "") + ")";
	}

}
