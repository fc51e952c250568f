package com.kapta.mailchimp.web.api;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.schedule.ScheduleTriggers;
import com.kapta.mailchimp.schedule.ScheduleTriggers.Trigger;
import com.kapta.mailchimp.schedule.ScheduledTask;

/**
 * The service's schedule (admins only): each task's trigger, Pause and Resume for every
 * instance, Run now, the nightly cron; as the console's Schedule page and
 * {@code ./run.sh schedule} do.
 */
@RestController
@RequestMapping("/api/schedule")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ScheduleApi {

	/**
	 * A task's trigger.
	 *
	 * @param name how the API and the command line name it ({@code download-tags} …)
	 * @param when its cron (six fields) or {@code every 10 s}
	 * @param nextFire none while paused
	 */
	record TriggerView(String name, String label, String when, boolean paused, @Nullable Instant nextFire,
			@Nullable Instant lastFired, @Nullable String changedBy, @Nullable Instant changedAt) {

		static TriggerView of(Trigger trigger) {
			return new TriggerView(trigger.id(), trigger.label(), trigger.when(), trigger.paused(),
					trigger.paused() ? null : trigger.nextFire(), trigger.lastFired(), trigger.changedBy(),
					trigger.changedAt());
		}

	}

	/** A new cron for the nightly download: second minute hour day month weekday. */
	record CronChange(@Nullable String cron) {
	}

	private final ScheduleTriggers triggers;

	ScheduleApi(ScheduleTriggers triggers) {
		this.triggers = triggers;
	}

	@GetMapping
	List<TriggerView> list() {
		return this.triggers.list().stream().map(TriggerView::of).toList();
	}

	@GetMapping("/{name}")
	TriggerView read(@PathVariable String name) {
		return view(ScheduledTask.of(name));
	}

	/** Pauses the task on every instance until it is resumed, a restart included. */
	@PostMapping("/{name}/pause")
	TriggerView pause(@PathVariable String name, Authentication user) {
		ScheduledTask task = ScheduledTask.of(name);
		this.triggers.pause(task, user.getName());
		return view(task);
	}

	/** Resumes the task from now on; what it missed while paused is not made up. */
	@PostMapping("/{name}/resume")
	TriggerView resume(@PathVariable String name, Authentication user) {
		ScheduledTask task = ScheduledTask.of(name);
		this.triggers.resume(task, user.getName());
		return view(task);
	}

	/**
	 * Fires the task now, paused or not; the run it starts shows in {@code /api/jobs}.
	 */
	@PostMapping("/{name}/run")
	@ResponseStatus(HttpStatus.ACCEPTED)
	TriggerView run(@PathVariable String name, Authentication user) {
		ScheduledTask task = ScheduledTask.of(name);
		this.triggers.runNow(task, user.getName());
		return view(task);
	}

	/** Changes the nightly download's cron, applied without a restart. */
	@PutMapping("/{name}/cron")
	TriggerView cron(@PathVariable String name, @RequestBody CronChange change, Authentication user) {
		ScheduledTask task = ScheduledTask.of(name);
		if (change.cron() == null || change.cron().isBlank()) {
			throw new InvalidInputException("Give the cron: second minute hour day month weekday");
		}
		this.triggers.changeCron(task, change.cron(), user.getName());
		return view(task);
	}

	private TriggerView view(ScheduledTask task) {
		return TriggerView.of(this.triggers.get(task));
	}

}
