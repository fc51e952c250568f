package com.kapta.mailchimp.web.console;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.kapta.mailchimp.batch.BackgroundLaunches;
import com.kapta.mailchimp.export.ExportLauncher;
import com.kapta.mailchimp.web.Uploads;
import com.kapta.mailchimp.web.WebProperties;

/**
 * The user guide's Data menu: Mailchimp Contacts and Tags (the export, downloaded from
 * its run's page once written) and Import Mailchimp Contacts and Tags (a workbook
 * uploaded, with a preview).
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class DataPage {

	private final BackgroundLaunches launches;

	private final ExportLauncher export;

	private final Uploads uploads;

	private final String maxUpload;

	DataPage(BackgroundLaunches launches, ExportLauncher export, Uploads uploads, WebProperties web) {
		this.maxUpload = web.maxUploadText();
		this.launches = launches;
		this.export = export;
		this.uploads = uploads;
	}

	@GetMapping("/data")
	String data(Model model) {
		model.addAttribute("maxUpload", this.maxUpload);
		return "data";
	}

	@PostMapping("/data/export")
	String export(@RequestParam(defaultValue = "false") boolean withHistory, RedirectAttributes redirect) {
		return RunPages.follow(() -> this.launches.start(() -> this.export.launchIntoJobsFolder(withHistory)), "/data",
				redirect);
	}

	@PostMapping("/data/import")
	String importWorkbook(@RequestParam(name = "file", required = false) @Nullable MultipartFile file,
			@RequestParam(defaultValue = "false") boolean preview, RedirectAttributes redirect) {
		return RunPages.follow(() -> this.uploads.importWorkbook(file, preview), "/data", redirect);
	}

}
