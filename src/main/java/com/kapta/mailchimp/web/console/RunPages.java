package com.kapta.mailchimp.web.console;

import java.util.function.Supplier;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.kapta.mailchimp.KaptaException;

/**
 * Where the console goes after it started a run: to the run's page; after a refusal, back
 * to where the run was asked for, with the refusal in the command line's words.
 */
final class RunPages {

	private RunPages() {
	}

	static String follow(Supplier<JobExecution> start, String back, RedirectAttributes redirect) {
		try {
			return "redirect:/jobs/" + start.get().getId();
		}
		catch (KaptaException ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
			return "redirect:" + back;
		}
	}

}
