package com.kapta.mailchimp.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.schedule.ScheduleTriggers;
import com.kapta.mailchimp.schedule.ScheduleTriggers.Trigger;
import com.kapta.mailchimp.schedule.ScheduledTask;

/**
 * The service's schedule from the shell: what the console's Schedule page shows and does.
 * A change is kept in the database; the service applies it within
 * {@code kapta.schedule.control-check}, or at its start.
 */
@Command(name = "schedule", description = "Lists, pauses, resumes and runs now the service's scheduled tasks.",
		subcommands = { ScheduleCommand.ListTriggers.class, ScheduleCommand.Pause.class, ScheduleCommand.Resume.class,
				ScheduleCommand.RunNow.class, ScheduleCommand.Cron.class })
class ScheduleCommand extends CommandGroup {

	private static final String ROW = "%-15s %-18s %-7s %-19s %-19s %s%n";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneId.systemDefault());

	/** Who changed it: the shell's user. */
	private static String who() {
		return System.getProperty("user.name", "cli");
	}

	private static String time(@Nullable Instant at) {
		return (at != null) ? TIME.format(at) : "-";
	}

	@Command(name = "list", description = { "Lists the tasks: when each fires, paused or not, next and last firing.",
			"Next and last are as the service last wrote them down; who changed a task last." })
	static class ListTriggers extends SpringCommand {

		@Override
		public Integer call() {
			out().printf(ROW, "NAME", "WHEN", "STATE", "NEXT", "LAST", "CHANGED");
			for (Trigger trigger : bean(ScheduleTriggers.class).list()) {
				out().printf(ROW, trigger.id(), trigger.when(), trigger.paused() ? "paused" : "active",
						trigger.paused() ? "-" : time(trigger.nextFire()), time(trigger.lastFired()),
						(trigger.changedBy() != null) ? trigger.changedBy() + " " + time(trigger.changedAt()) : "-");
			}
			return KaptaCli.OK;
		}

	}

	/** Pause or Resume: the change, kept for the service to apply. */
	abstract static class Switch extends SpringCommand {

		@Parameters(paramLabel = "NAME")
		String name;

		abstract void change(ScheduleTriggers triggers, ScheduledTask task);

		abstract String done();

		@Override
		public Integer call() {
			ScheduledTask task = ScheduledTask.of(this.name);
			ScheduleTriggers triggers = bean(ScheduleTriggers.class);
			change(triggers, task);
			out().println(task.label() + " " + done() + "; the service applies it within "
					+ ScheduleTriggers.words(triggers.controlCheck()) + ".");
			return KaptaCli.OK;
		}

	}

	@Command(name = "pause", description = { "Pauses a task on every instance until it is resumed.",
			"A restart keeps it paused. NAME: download-tags, import-folder, push, recovery-check." })
	static class Pause extends Switch {

		@Override
		void change(ScheduleTriggers triggers, ScheduledTask task) {
			triggers.pause(task, who());
		}

		@Override
		String done() {
			return "paused";
		}

	}

	@Command(name = "resume",
			description = { "Resumes a paused task from now on.", "A firing missed while paused is not made up." })
	static class Resume extends Switch {

		@Override
		void change(ScheduleTriggers triggers, ScheduledTask task) {
			triggers.resume(task, who());
		}

		@Override
		String done() {
			return "resumed";
		}

	}

	@Command(name = "run",
			description = { "Has the running service fire a task now, paused or not.",
					"For download-tags, a download of its own, as './run.sh download-tags' starts.",
					"Fails when no service takes it within a few seconds." })
	static class RunNow extends SpringCommand {

		@Parameters(paramLabel = "NAME")
		String name;

		@Override
		public Integer call() throws InterruptedException {
			ScheduledTask task = ScheduledTask.of(this.name);
			ScheduleTriggers triggers = bean(ScheduleTriggers.class);
			triggers.runNow(task, who());
			Duration wait = Duration.ofSeconds(5).plus(triggers.controlCheck().multipliedBy(3));
			Instant until = Instant.now().plus(wait);
			while (!triggers.runTaken(task) && Instant.now().isBefore(until)) {
				Thread.sleep(100);
			}
			if (!triggers.runTaken(task) && triggers.withdrawRun(task)) {
				throw new KaptaException("No service took the run of " + task.label() + " within " + wait.toSeconds()
						+ " s: is './run.sh service' running? (or run the job itself, e.g. './run.sh download-tags')");
			}
			out().println(task.label() + " fired by the service; './run.sh status' shows the run.");
			return KaptaCli.OK;
		}

	}

	@Command(name = "cron", description = { "Changes when the nightly download fires, without a restart.",
			"Six fields: second minute hour day month weekday, weekdays by name (\"0 0 3 * * MON-FRI\")." })
	static class Cron extends SpringCommand {

		@Parameters(paramLabel = "CRON")
		String cron;

		@Override
		public Integer call() {
			ScheduleTriggers triggers = bean(ScheduleTriggers.class);
			triggers.changeCron(ScheduledTask.DOWNLOAD_TAGS, this.cron, who());
			out().println(ScheduledTask.DOWNLOAD_TAGS.label() + " now fires on '"
					+ triggers.get(ScheduledTask.DOWNLOAD_TAGS).when() + "'; the service applies it within "
					+ ScheduleTriggers.words(triggers.controlCheck()) + ".");
			return KaptaCli.OK;
		}

	}

}
