package com.kapta.mailchimp.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.kapta.mailchimp.HomeDatabase;
import com.kapta.mailchimp.KaptaApplication;

/**
 * {@code ./run.sh ARGS} in a JVM of its own on a home, as a user or the scheduler starts
 * it: its output is kept, and the first progress line ("upload: 500 of 8000, 1200/s, …")
 * tells that the job is working.
 */
final class JobProcess {

	private static final Pattern PROGRESS = Pattern.compile(": \\d+.*, \\d+/s");

	private final Process process;

	private final StringBuffer output = new StringBuffer();

	private final CountDownLatch working = new CountDownLatch(1);

	/**
	 * The processes started and not yet seen to end: a test that fails midway leaves its
	 * services running, and they held the database's connections from the tests after it
	 * (PostgreSQL refused new ones).
	 */
	private static final Set<Process> STARTED = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(JobProcess::killLeftovers, "job-process-leftovers"));
	}

	private JobProcess(Process process) {
		this.process = process;
		STARTED.add(process);
		process.onExit().thenRun(() -> STARTED.remove(process));
		Thread reader = new Thread(this::read, "job-process-output");
		reader.setDaemon(true);
		reader.start();
	}

	static JobProcess start(Path home, List<String> args) throws IOException {
		return start(home, args, Map.of());
	}

	/** As {@link #start(Path, List)}, with more environment variables (settings). */
	static JobProcess start(Path home, List<String> args, Map<String, String> environment) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
						// a quick start matters more than peak speed for these short jobs
						"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dkapta.batch.progress-every=100ms", "-cp",
						System.getProperty("java.class.path"), KaptaApplication.class.getName()));
		command.addAll(args);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("KAPTA_DATA_DIR", home.resolve("data").toString());
		builder.environment().put("KAPTA_JOBS_DIR", home.resolve("jobs").toString());
		// the home's PostgreSQL database, if it has one: kapta.database.url →
		// KAPTA_DATABASE_URL
		HomeDatabase.properties(home)
			.forEach((key, value) -> builder.environment()
				.put(key.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", ""), value));
		builder.environment().remove("MAILCHIMP_API_KEY");
		builder.environment().putAll(environment);
		return new JobProcess(builder.start());
	}

	/**
	 * Waits until the job reports progress; false if the process ended (or a minute
	 * passed) first.
	 */
	boolean awaitWorking() throws InterruptedException {
		return this.working.await(60, TimeUnit.SECONDS) && this.process.isAlive();
	}

	/** Kills (SIGKILL) every process started here that still runs. */
	static void killLeftovers() {
		STARTED.forEach(Process::destroyForcibly);
	}

	/** SIGKILL: no shutdown hook, no finally block, no flush. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	/** Waits (up to two minutes) for the process to end on its own; its exit code. */
	int waitFor() throws InterruptedException {
		if (!this.process.waitFor(2, TimeUnit.MINUTES)) {
			kill();
			throw new AssertionError("still running after two minutes: " + output());
		}
		return this.process.exitValue();
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** SIGTERM, and waits for the process to end. */
	void stop() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			kill();
		}
	}

	String output() {
		return this.output.toString();
	}

	private void read() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				this.output.append(line).append('\n');
				if (PROGRESS.matcher(line).find()) {
					this.working.countDown();
				}
			}
		}
		catch (IOException ex) {
			// the process was killed; what was read is kept
		}
		finally {
			this.working.countDown();
		}
	}

}
