package com.kapta.mailchimp.web;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.batch.JobHistory.JobRun;
import com.kapta.mailchimp.importing.ImportFolder;

/**
 * The files a run names (its parameters, summary lines, why it failed), as the console
 * and the API show them: relative to the jobs folder, which the data team shares; a file
 * of the data folder by its name only. The server's own paths are the operator's, shown
 * by the command line, never to a browser.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ShownPaths {

	private final Pattern jobs;

	private final Pattern data;

	ShownPaths(KaptaProperties properties) {
		this.jobs = folder(properties.jobsDir());
		this.data = folder(properties.dataDir());
	}

	/** A folder, as its absolute and its real path, followed by the path inside it. */
	private static Pattern folder(Path folder) {
		Path absolute = folder.toAbsolutePath().normalize();
		String either = Pattern.quote(absolute.toString());
		try {
			Path real = absolute.toRealPath();
			if (!real.equals(absolute)) {
				either = either + "|" + Pattern.quote(real.toString());
			}
		}
		catch (IOException ex) {
			// not made yet: only its given path can appear
		}
		return Pattern.compile("(?:" + either + ")/([^\\s'\"]*)");
	}

	public @Nullable String text(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String relative = this.jobs.matcher(text).replaceAll((found) -> Matcher.quoteReplacement(found.group(1)));
		return this.data.matcher(relative).replaceAll((found) -> Matcher.quoteReplacement(lastPart(found.group(1))));
	}

	private static String lastPart(String path) {
		return path.substring(path.lastIndexOf('/') + 1);
	}

	public Map<String, String> lines(Map<String, String> lines) {
		Map<String, String> shown = new LinkedHashMap<>();
		lines.forEach((label, value) -> shown.put(label, text(value)));
		return shown;
	}

	public List<ImportFolder.Listed> listing(List<ImportFolder.Listed> files) {
		return files.stream()
			.map((file) -> new ImportFolder.Listed(file.state(), file.name(), file.modified(), text(file.reason())))
			.toList();
	}

	public JobRun run(JobRun run) {
		return new JobRun(run.job(), run.executionId(), text(run.parameters()), run.status(), run.started(),
				run.duration(), run.read(), run.written(), run.skipped(), run.apiCalls());
	}

}
