package com.kapta.mailchimp.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.sandbox.TagAdditions;

/**
 * What the web bench loads: the sandbox in this JVM (it counts, for each member and tag,
 * the additions it was sent) and one or more services on the bench's home, each in a JVM
 * of its own. Started before the bench's own application context, which on the embedded
 * file then reaches the database through the first service's server.
 */
public final class WebStage implements AutoCloseable {

	private final Path home;

	private final int contacts;

	private final MailchimpSandbox sandbox;

	private final TagAdditions additions = new TagAdditions();

	private final List<ServiceProcess> services = new ArrayList<>();

	private WebStage(Path home, int contacts, MailchimpSandbox sandbox) {
		this.home = home;
		this.contacts = contacts;
		this.sandbox = sandbox;
	}

	/**
	 * The sandbox at this latency, and {@code instances} services on the home (and the
	 * database {@code environment} names, if any).
	 */
	public static WebStage start(Path home, WebBenchmark.Options options, Map<String, String> environment)
			throws IOException {
		MailchimpSandbox sandbox = MailchimpSandbox.start(SandboxOptions.defaults().withLatency(options.latencyMs()));
		WebStage stage = new WebStage(home, options.contacts(), sandbox);
		sandbox.record(stage.additions);
		try {
			for (int i = 1; i <= options.instances(); i++) {
				Map<String, String> env = new HashMap<>(environment);
				env.put("KAPTA_DATA_DIR", home.resolve("data").toString());
				env.put("KAPTA_JOBS_DIR", home.resolve("jobs").toString());
				env.put("KAPTA_BATCH_PROGRESS_EVERY", "1h");
				stage.services.add(ServiceProcess.start("service-" + i, env, home));
			}
		}
		catch (IOException | RuntimeException ex) {
			stage.close();
			throw ex;
		}
		return stage;
	}

	Path home() {
		return this.home;
	}

	int contacts() {
		return this.contacts;
	}

	MailchimpSandbox sandbox() {
		return this.sandbox;
	}

	TagAdditions additions() {
		return this.additions;
	}

	List<URI> services() {
		return this.services.stream().map(ServiceProcess::base).toList();
	}

	long problemLines() throws IOException {
		long lines = 0;
		for (ServiceProcess service : this.services) {
			lines += service.problemLines();
		}
		return lines;
	}

	String outputs() {
		return String.join(", ", this.services.stream().map((service) -> service.output().toString()).toList());
	}

	@Override
	public void close() {
		this.services.forEach(ServiceProcess::close);
		this.sandbox.close();
	}

}
