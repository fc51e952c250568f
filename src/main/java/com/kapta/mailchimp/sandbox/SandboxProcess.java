package com.kapta.mailchimp.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.kapta.mailchimp.JavaCommand;

/**
 * The sandbox in a JVM of its own ({@code ./run.sh sandbox}), for benchmarks whose heap
 * figure must be Kapta's alone: a million members held by an in-process sandbox would not
 * fit beside a job in 256 MB. It is started from the same code this JVM runs: the
 * application jar, or the classes on the class path.
 */
public final class SandboxProcess implements AutoCloseable {

	private static final Pattern URL = Pattern.compile("Mailchimp sandbox on (\\S+)");

	private static final Pattern KEY = Pattern.compile("API key:\\s+(\\S+)");

	private final Process process;

	private String baseUrl;

	private String apiKey;

	private SandboxProcess(Process process) {
		this.process = process;
	}

	/** Starts it with this latency and these tags, and waits until it serves. */
	public static SandboxProcess start(int latencyMs, List<String> tags, Path dataDir) throws IOException {
		return start(latencyMs, tags, dataDir, List.of());
	}

	/**
	 * Starts it with this latency, these tags and more of the sandbox command's options,
	 * and waits until it serves.
	 */
	public static SandboxProcess start(int latencyMs, List<String> tags, Path dataDir, List<String> options)
			throws IOException {
		List<String> arguments = new ArrayList<>(
				List.of("sandbox", "--latency-ms", Integer.toString(latencyMs), "--tags", String.join(",", tags)));
		arguments.addAll(options);
		List<String> command = JavaCommand.of(List.of("-Xmx3g"), arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("KAPTA_DATA_DIR", dataDir.toString());
		SandboxProcess sandbox = new SandboxProcess(builder.start());
		BufferedReader out = new BufferedReader(
				new InputStreamReader(sandbox.process.getInputStream(), StandardCharsets.UTF_8));
		for (String line = out.readLine(); line != null && sandbox.apiKey == null; line = out.readLine()) {
			Matcher url = URL.matcher(line);
			Matcher key = KEY.matcher(line);
			if (url.find()) {
				sandbox.baseUrl = url.group(1);
			}
			else if (key.find()) {
				sandbox.apiKey = key.group(1);
			}
		}
		if (sandbox.apiKey == null) {
			sandbox.close();
			throw new IOException("The sandbox did not start");
		}
		Thread drain = new Thread(() -> out.lines().forEach((line) -> {
		}), "external-sandbox-output");
		drain.setDaemon(true);
		drain.start();
		return sandbox;
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	public String apiKey() {
		return this.apiKey;
	}

	@Override
	public void close() {
		this.process.destroy();
	}

}
