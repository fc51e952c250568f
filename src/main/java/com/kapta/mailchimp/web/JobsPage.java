package com.kapta.mailchimp.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.kapta.mailchimp.batch.JobHistory;

/** The job history from the job repository every door shares. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class JobsPage {

	private final JobHistory history;

	JobsPage(JobHistory history) {
		this.history = history;
	}

	@GetMapping("/jobs")
	String jobs(@RequestParam(defaultValue = "50") int limit, Model model) {
		model.addAttribute("runs", this.history.recent(Math.max(1, Math.min(limit, 500))));
		return "jobs";
	}

}
