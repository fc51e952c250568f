package com.kapta.mailchimp.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.kapta.mailchimp.JavaCommand;
import com.kapta.mailchimp.LocalPorts;
import com.kapta.mailchimp.KaptaException;

/**
 * A Kapta service ({@code ./run.sh service}) in a JVM of its own on the bench's home, so
 * that what the web bench measures is the service as it runs for users: its own heap,
 * both compilers, its own pool and threads, its output in a file of the home.
 */
final class ServiceProcess implements AutoCloseable {

	private final Process process;

	private final URI base;

	private final Path output;

	private ServiceProcess(Process process, URI base, Path output) {
		this.process = process;
		this.base = base;
		this.output = output;
	}

	/**
	 * Starts a service on a free port of 127.0.0.1 with this environment (its home, its
	 * database) and waits until it answers its health check.
	 */
	static ServiceProcess start(String name, Map<String, String> environment, Path outputDir) throws IOException {
		int port = LocalPorts.free();
		Path output = outputDir.resolve(name + ".out");
		ProcessBuilder builder = new ProcessBuilder(JavaCommand.of(List.of(), List.of("service")))
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().putAll(environment);
		builder.environment().put("KAPTA_WEB_PORT", Integer.toString(port));
		var service = new ServiceProcess(builder.start(), URI.create("http://127.0.0.1:" + port), output);
		try {
			service.awaitHealthy(Duration.ofMinutes(2));
		}
		catch (IOException | RuntimeException ex) {
			service.close();
			throw ex;
		}
		return service;
	}

	URI base() {
		return this.base;
	}

	private void awaitHealthy(Duration limit) throws IOException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new KaptaException("The bench's service ended as it started (exit " + this.process.exitValue()
						+ "); its output: " + this.output);
			}
			try {
				HttpResponse<Void> health = http.send(HttpRequest.newBuilder(this.base.resolve("/actuator/health"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding());
				if (health.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new KaptaException("Interrupted while the bench's service started", ex);
			}
			pause();
		}
		throw new KaptaException(
				"The bench's service did not answer within " + limit.toSeconds() + " s; its output: " + this.output);
	}

	/** The WARN and ERROR lines the service logged (its output, which has its log). */
	long problemLines() throws IOException {
		try (var lines = Files.lines(this.output)) {
			return lines.filter((line) -> line.contains(" WARN ") || line.contains(" ERROR ")).count();
		}
	}

	Path output() {
		return this.output;
	}

	/** Stops it as SIGTERM does: its runs end after their chunk. */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(150, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private static void pause() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
