package com.kapta.mailchimp.web.api;

import java.net.URI;
import java.time.LocalDate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.Resource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

import com.kapta.mailchimp.audit.AuditEntry;
import com.kapta.mailchimp.audit.AuditTrail;
import com.kapta.mailchimp.batch.BackgroundLaunches;
import com.kapta.mailchimp.batch.JobHistory;
import com.kapta.mailchimp.batch.JobHistory.JobRun;
import com.kapta.mailchimp.batch.JobRunner;
import com.kapta.mailchimp.batch.RunFilter;
import com.kapta.mailchimp.batch.RunNotes;
import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.export.ExportLauncher;
import com.kapta.mailchimp.importing.ImportFolder;
import com.kapta.mailchimp.push.PushLauncher;
import com.kapta.mailchimp.tagdownload.DownloadLauncher;
import com.kapta.mailchimp.upload.UploadLauncher;
import com.kapta.mailchimp.web.Restarts;
import com.kapta.mailchimp.web.RunAccess;
import com.kapta.mailchimp.web.RunFiles;
import com.kapta.mailchimp.web.ShownPaths;
import com.kapta.mailchimp.web.Uploads;

/**
 * The job history from the job repository that every door shares, and one run's state.
 */
@RestController
@RequestMapping("/api/jobs")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class JobsApi {

	/**
	 * One run as the API shows it: what the history shows, once it ended its summary
	 * lines and why it failed, and what it logged as warnings and errors.
	 */
	record RunView(long id, String job, String status, @Nullable LocalDateTime started, @Nullable LocalDateTime ended,
			Map<String, String> summary, @Nullable String failure, List<RunNotes.Note> notes, List<RunAction> actions) {

		static RunView of(JobExecution execution, ShownPaths paths, RunNotes notes, AuditTrail audit) {
			boolean failed = execution.getStatus() == BatchStatus.FAILED;
			return new RunView(execution.getId(), execution.getJobInstance().getJobName(), execution.getStatus().name(),
					execution.getStartTime(), execution.getEndTime(), paths.lines(RunSummary.lines(execution)),
					failed ? paths.text(RunSummary.failureReason(execution)) : null,
					notes.of(execution)
						.stream()
						.map((note) -> new RunNotes.Note(note.at(), note.level(), paths.text(note.text())))
						.toList(),
					audit.ofRun(execution.getId())
						.stream()
						.filter((action) -> action.event().controlsARun())
						.map(RunAction::of)
						.toList());
		}

	}

	/**
	 * Who launched, restarted or stopped a run, and from where (the address only in the
	 * audit, an admin's).
	 *
	 * @param what job-launched, job-restarted or job-stopped
	 */
	record RunAction(String what, String who, String from, Instant at) {

		static RunAction of(AuditEntry entry) {
			return new RunAction(entry.event().id(), entry.actor(), entry.channel().word(), entry.at());
		}

	}

	/**
	 * An upload: its launch tags (created on Mailchimp when missing) and whether it is a
	 * preview (dry run).
	 */
	record UploadRequest(@Nullable List<String> tags, @Nullable Boolean dryRun) {
	}

	/** A download, or its preview (dry run). */
	record DownloadRequest(@Nullable Boolean dryRun) {
	}

	private final JobHistory history;

	private final JobRunner runner;

	private final BackgroundLaunches launches;

	private final UploadLauncher upload;

	private final DownloadLauncher download;

	private final PushLauncher push;

	private final ExportLauncher export;

	private final Uploads uploads;

	private final RunFiles files;

	private final Restarts restarts;

	private final ImportFolder folder;

	private final ShownPaths paths;

	private final RunNotes notes;

	private final AuditTrail audit;

	JobsApi(JobHistory history, JobRunner runner, BackgroundLaunches launches, UploadLauncher upload,
			DownloadLauncher download, PushLauncher push, ExportLauncher export, Uploads uploads, RunFiles files,
			Restarts restarts, ImportFolder folder, ShownPaths paths, RunNotes notes, AuditTrail audit) {
		this.audit = audit;
		this.notes = notes;
		this.history = history;
		this.runner = runner;
		this.launches = launches;
		this.upload = upload;
		this.download = download;
		this.push = push;
		this.export = export;
		this.uploads = uploads;
		this.files = files;
		this.restarts = restarts;
		this.folder = folder;
		this.paths = paths;
	}

	/**
	 * Upload To Mailchimp: answers at once with the run, to follow at its
	 * {@code Location}.
	 */
	@PostMapping("/upload")
	ResponseEntity<RunView> upload(@RequestBody UploadRequest request) {
		List<String> tags = (request.tags() != null) ? request.tags() : List.of();
		return started(this.launches.start(() -> this.upload.launch(tags, Boolean.TRUE.equals(request.dryRun()))));
	}

	/** Download To Kapta: answers at once with the run. */
	@PostMapping("/download-tags")
	ResponseEntity<RunView> downloadTags(@RequestBody DownloadRequest request) {
		return started(this.launches.start(() -> this.download.launch(Boolean.TRUE.equals(request.dryRun()))));
	}

	/** Sends the Kapta edits waiting in the outbox: answers at once with the run. */
	@PostMapping("/push")
	ResponseEntity<RunView> push() {
		return started(this.launches.start(this.push::launch));
	}

	/** Export Mailchimp Contacts and Tags into {@code jobs/export/}; answers at once. */
	@PostMapping("/export")
	ResponseEntity<RunView> export(@RequestParam(defaultValue = "false") boolean withHistory) {
		return started(this.launches.start(() -> this.export.launchIntoJobsFolder(withHistory)));
	}

	/**
	 * Import Mailchimp Contacts and Tags from an uploaded workbook (multipart
	 * {@code file}, and {@code dryRun} for a preview), as a file dropped into the import
	 * folder goes.
	 */
	@PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<RunView> importWorkbook(@RequestPart("file") MultipartFile file,
			@RequestParam(defaultValue = "false") boolean dryRun) {
		return started(this.uploads.importWorkbook(file, dryRun));
	}

	/** A run's xlsx report. */
	@GetMapping("/{id}/report")
	ResponseEntity<Resource> report(@PathVariable long id) {
		return this.files.download(this.files.report(find(id)), "report");
	}

	/** A completed export's workbook. */
	@GetMapping("/{id}/workbook")
	ResponseEntity<Resource> workbook(@PathVariable long id) {
		return this.files.download(this.files.workbook(find(id)), "workbook");
	}

	/**
	 * Restarts this run if it failed or was stopped (and no later run took it up), after
	 * its last committed chunk; answers at once with the new run.
	 */
	@PostMapping("/{id}/restart")
	ResponseEntity<RunView> restart(@PathVariable long id, @Nullable Authentication user) {
		JobExecution run = find(id);
		RunAccess.requireControl(user, run);
		return started(this.restarts.restart(run));
	}

	/** Runs to restart one after the other. */
	record RestartRequest(@Nullable List<Long> runs) {
	}

	/**
	 * Restarts these failed or stopped runs one after the other, as the Jobs page's
	 * ticked runs (each must be one the user may restart); answers at once with the first
	 * one's new run.
	 */
	@PostMapping("/restart")
	ResponseEntity<RunView> restartEach(@RequestBody RestartRequest request, @Nullable Authentication user) {
		List<JobExecution> runs = ((request.runs() != null) ? request.runs() : List.<Long>of()).stream()
			.distinct()
			.map(this::find)
			.toList();
		runs.forEach((run) -> RunAccess.requireControl(user, run));
		return started(this.restarts.restartEach(runs));
	}

	/**
	 * The files of the import folder: waiting, processing, processed, failed with why.
	 */
	@GetMapping("/import-folder")
	List<ImportFolder.Listed> importFolder() {
		return this.paths.listing(this.folder.listing(100));
	}

	/**
	 * Asks a running run to stop after the chunk in hand; it can be restarted from there.
	 */
	@PostMapping("/{id}/stop")
	RunView stop(@PathVariable long id, @Nullable Authentication user) {
		JobExecution run = find(id);
		RunAccess.requireControl(user, run);
		this.runner.stop(run);
		return RunView.of(find(id), this.paths, this.notes, this.audit);
	}

	/**
	 * The most recent runs, newest first, filtered as the console's Jobs page filters
	 * them (a job, a status, days of the server's, a text a parameter holds); the next
	 * page is {@code before} the last run's id.
	 */
	@GetMapping
	List<JobRun> recent(@RequestParam(defaultValue = "20") int limit,
			@RequestParam(required = false) @Nullable String job,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable String parameter,
			@RequestParam(required = false) @Nullable Long before) {
		var filter = new RunFilter(job, status, from, to, parameter, before);
		return this.history.find(filter, Math.max(1, Math.min(limit, 500))).stream().map(this.paths::run).toList();
	}

	/**
	 * A run's status, as it stood at most a quarter of a second ago (polled while it
	 * runs).
	 */
	@GetMapping("/{id}")
	RunView one(@PathVariable long id) {
		return RunView.of(this.history.shown(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No job run has the id " + id)),
				this.paths, this.notes, this.audit);
	}

	private JobExecution find(long id) {
		return this.history.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No job run has the id " + id));
	}

	private ResponseEntity<RunView> started(JobExecution execution) {
		return ResponseEntity.accepted()
			.location(URI.create("/api/jobs/" + execution.getId()))
			.body(RunView.of(execution, this.paths, this.notes, this.audit));
	}

}
