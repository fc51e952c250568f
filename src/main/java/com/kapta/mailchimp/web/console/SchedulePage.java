package com.kapta.mailchimp.web.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.schedule.ScheduleTriggers;
import com.kapta.mailchimp.schedule.ScheduledTask;

/**
 * The Schedule page (admins): each scheduled task with when it fires, its next and last
 * firing, Run now, Pause and Resume (for every instance, kept through a restart), and the
 * nightly download's cron.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SchedulePage {

	private final ScheduleTriggers triggers;

	SchedulePage(ScheduleTriggers triggers) {
		this.triggers = triggers;
	}

	@GetMapping("/schedule")
	String schedule(Model model) {
		model.addAttribute("triggers", this.triggers.list());
		if (!model.containsAttribute("cron")) {
			model.addAttribute("cron", this.triggers.get(ScheduledTask.DOWNLOAD_TAGS).when());
		}
		return "schedule";
	}

	@PostMapping("/schedule/{name}/{action:pause|resume}")
	String pauseOrResume(@PathVariable String name, @PathVariable String action, Authentication user,
			RedirectAttributes redirect) {
		ScheduledTask task = ScheduledTask.of(name);
		if (action.equals("pause")) {
			this.triggers.pause(task, user.getName());
			redirect.addFlashAttribute("done", task.label() + " paused on every instance until it is resumed.");
		}
		else {
			this.triggers.resume(task, user.getName());
			redirect.addFlashAttribute("done", task.label() + " resumed.");
		}
		return "redirect:/schedule";
	}

	@PostMapping("/schedule/{name}/run")
	String run(@PathVariable String name, Authentication user, RedirectAttributes redirect) {
		ScheduledTask task = ScheduledTask.of(name);
		try {
			this.triggers.runNow(task, user.getName());
			redirect.addFlashAttribute("done", task.label() + " fired now; its run shows on the Jobs page.");
		}
		catch (KaptaException ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/schedule";
	}

	/** A cron that is not a schedule is said beside the field, as typed. */
	@PostMapping("/schedule/download-tags/cron")
	String cron(@RequestParam String cron, Authentication user, RedirectAttributes redirect) {
		try {
			this.triggers.changeCron(ScheduledTask.DOWNLOAD_TAGS, cron, user.getName());
			redirect.addFlashAttribute("done", ScheduledTask.DOWNLOAD_TAGS.label() + " now fires on '"
					+ this.triggers.get(ScheduledTask.DOWNLOAD_TAGS).when() + "'.");
		}
		catch (KaptaException ex) {
			redirect.addFlashAttribute("cron", cron);
			redirect.addFlashAttribute("cronProblem", ex.getMessage());
		}
		return "redirect:/schedule";
	}

}
