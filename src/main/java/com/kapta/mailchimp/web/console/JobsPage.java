package com.kapta.mailchimp.web.console;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.Resource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.kapta.mailchimp.KaptaException;
import com.kapta.mailchimp.KaptaJob;
import com.kapta.mailchimp.Texts;
import com.kapta.mailchimp.audit.AuditTrail;
import com.kapta.mailchimp.batch.JobHistory;
import com.kapta.mailchimp.batch.JobHistory.JobRun;
import com.kapta.mailchimp.batch.JobRunner;
import com.kapta.mailchimp.batch.JobSessions;
import com.kapta.mailchimp.batch.Progress;
import com.kapta.mailchimp.batch.RunFilter;
import com.kapta.mailchimp.batch.RunNotes;
import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.importing.ImportFolder;
import com.kapta.mailchimp.web.ShownPaths;
import com.kapta.mailchimp.web.RunAccess;
import com.kapta.mailchimp.web.Restarts;
import com.kapta.mailchimp.web.RunFiles;

/**
 * The job history, and one run's page: its summary, why it failed, its report to
 * download, its progress while it runs (the page asks {@code /jobs/{id}/state} every few
 * seconds), and Stop.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class JobsPage {

	/**
	 * What the run page polls: the status, and while the run goes in this process its
	 * progress.
	 */
	record State(String status, boolean running, Progress.@Nullable Snapshot progress) {
	}

	/**
	 * A step of a run as its page lists it: a partition under its step, with the counts
	 * the job repository holds (so also for a run of another instance).
	 */
	record StepRow(String name, boolean partition, BatchStatus status, long read, long written, long skipped,
			@Nullable LocalDateTime started, @Nullable LocalDateTime ended) {

		static List<StepRow> of(JobExecution run) {
			return run.getStepExecutions()
				.stream()
				.sorted(Comparator.comparing(StepExecution::getId))
				.map((step) -> new StepRow(step.getStepName().replace(":", " · "), step.getStepName().contains(":"),
						step.getStatus(), step.getReadCount(), step.getWriteCount(), step.getSkipCount(),
						step.getStartTime(), step.getEndTime()))
				.toList();
		}

	}

	private final JobHistory history;

	private final JobSessions sessions;

	private final JobRunner runner;

	private final RunFiles files;

	private final Restarts restarts;

	private final ImportFolder folder;

	private final ShownPaths paths;

	private final ConsoleWords words;

	private final Trends trends;

	private final RunNotes notes;

	private final AuditTrail audit;

	JobsPage(JobHistory history, JobSessions sessions, JobRunner runner, RunFiles files, Restarts restarts,
			ImportFolder folder, ShownPaths paths, ConsoleWords words, Trends trends, RunNotes notes,
			AuditTrail audit) {
		this.audit = audit;
		this.notes = notes;
		this.paths = paths;
		this.words = words;
		this.trends = trends;
		this.history = history;
		this.sessions = sessions;
		this.runner = runner;
		this.files = files;
		this.restarts = restarts;
		this.folder = folder;
	}

	/** A page of the job history. */
	static final int PAGE = 50;

	/**
	 * The job history, filtered by job, status, days and a parameter's text (a file name,
	 * a launch tag), the filters in the address so that a link shares them; paged by key
	 * ({@code before}: the last run of the page before).
	 */
	@GetMapping("/jobs")
	String jobs(@RequestParam(required = false) @Nullable String job,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable String parameter,
			@RequestParam(required = false) @Nullable Long before, @Nullable Authentication user, Model model) {
		RunFilter filter;
		try {
			filter = new RunFilter(job, status, from, to, parameter, before);
		}
		catch (KaptaException ex) {
			model.addAttribute("problem", ex.getMessage());
			filter = RunFilter.none();
		}
		List<JobRun> runs = this.history.find(filter, PAGE).stream().map(this.paths::run).toList();
		model.addAttribute("filter", filter);
		model.addAttribute("runs", runs);
		model.addAttribute("jobNames", this.words.jobs());
		model.addAttribute("statuses", List.of("STARTED", "COMPLETED", "FAILED", "STOPPED", "ABANDONED"));
		model.addAttribute("older", (runs.size() == PAGE) ? runs.get(runs.size() - 1).executionId() : null);
		// the runs this user may restart, ticked for a restart of several in one go
		model.addAttribute("restartable",
				runs.stream()
					.filter((run) -> run.status() == BatchStatus.FAILED || run.status() == BatchStatus.STOPPED)
					.filter((run) -> KaptaJob.named(run.job()).map(KaptaJob::resumable).orElse(false)
							&& RunAccess.mayControl(user, run.job()))
					.map(JobRun::executionId)
					.toList());
		model.addAttribute("files", this.paths.listing(this.folder.listing(20)));
		model.addAttribute("trends", this.trends.of(Texts.blankToNull(job)));
		return "jobs";
	}

	@GetMapping("/jobs/{id}")
	String run(@PathVariable long id, Model model, @Nullable Authentication user) {
		JobExecution run = find(id);
		model.addAttribute("control", RunAccess.mayControl(user, run));
		Map<String, String> summary = this.paths.lines(RunSummary.lines(run));
		model.addAttribute("run", run);
		// the title in users' words: "Upload To Mailchimp · run 12 · Completed"
		model.addAttribute("title", this.words.job(run.getJobInstance().getJobName()) + " · run " + run.getId() + " · "
				+ this.words.status(run.getStatus()));
		model.addAttribute("summary", summary);
		model.addAttribute("steps", StepRow.of(run));
		// who launched, restarted or stopped it, without the address (the Activity page,
		// an admin's, has it)
		model.addAttribute("actions",
				this.audit.ofRun(run.getId())
					.stream()
					.filter((action) -> action.event().controlsARun())
					.map((action) -> action.event().words().replace("job ", "") + " by " + action.actor() + " ("
							+ action.channel().word() + ")")
					.toList());
		model.addAttribute("notes",
				this.notes.of(run)
					.stream()
					.map((note) -> new RunNotes.Note(note.at(), note.level(), this.paths.text(note.text())))
					.toList());
		model.addAttribute("failure",
				(run.getStatus() == BatchStatus.FAILED) ? this.paths.text(RunSummary.failureReason(run)) : null);
		boolean restart = Restarts.offered(run) && RunAccess.mayControl(user, run);
		model.addAttribute("restart", restart);
		// what to do next, as the command line says it, and the console's own way
		model.addAttribute("hint",
				(run.getStatus() != BatchStatus.FAILED && run.getStatus() != BatchStatus.STOPPED) ? null
						: (restart ? "Fix the cause, then press Restart below"
								: Restarts.offered(run) ? "Fix the cause, then ask an admin to restart it"
										: "Fix the cause, then run it again")
								+ "; on the command line: " + KaptaJob.resumeHintOf(run.getJobInstance().getJobName())
								+ ".");
		model.addAttribute("report", this.files.report(run).map((path) -> path.getFileName().toString()).orElse(null));
		model.addAttribute("workbook",
				this.files.workbook(run).map((path) -> path.getFileName().toString()).orElse(null));
		return "run";
	}

	@GetMapping("/jobs/{id}/state")
	@ResponseBody
	State state(@PathVariable long id) {
		JobExecution run = find(id);
		return new State(run.getStatus().name(), run.isRunning(), this.sessions.progressOf(id).orElse(null));
	}

	@PostMapping("/jobs/{id}/restart")
	String restart(@PathVariable long id, RedirectAttributes redirect, @Nullable Authentication user) {
		JobExecution run = find(id);
		RunAccess.requireControl(user, run);
		return RunPages.follow(() -> this.restarts.restart(run), "/jobs/" + id, redirect);
	}

	/**
	 * Restarts the runs ticked on the Jobs page, one after the other; each must be one
	 * the user may restart (refused whole otherwise, before anything starts).
	 */
	@PostMapping("/jobs/restart")
	String restartEach(@RequestParam(name = "run", required = false) @Nullable List<Long> ids,
			@Nullable Authentication user, RedirectAttributes redirect) {
		List<JobExecution> runs = ((ids != null) ? ids : List.<Long>of()).stream().distinct().map(this::find).toList();
		runs.forEach((run) -> RunAccess.requireControl(user, run));
		try {
			JobExecution first = this.restarts.restartEach(runs);
			redirect.addFlashAttribute("done", "Restarting " + runs.size() + (runs.size() == 1 ? " run" : " runs")
					+ " one after the other; the first is run " + first.getId() + ".");
		}
		catch (KaptaException ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/jobs";
	}

	@PostMapping("/jobs/{id}/stop")
	String stop(@PathVariable long id, @Nullable Authentication user) {
		JobExecution run = find(id);
		RunAccess.requireControl(user, run);
		this.runner.stop(run);
		return "redirect:/jobs/" + id;
	}

	@GetMapping("/jobs/{id}/report")
	ResponseEntity<Resource> report(@PathVariable long id) {
		return this.files.download(this.files.report(find(id)), "report");
	}

	@GetMapping("/jobs/{id}/workbook")
	ResponseEntity<Resource> workbook(@PathVariable long id) {
		return this.files.download(this.files.workbook(find(id)), "workbook");
	}

	private JobExecution find(long id) {
		return this.history.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No job run has the id " + id));
	}

}
