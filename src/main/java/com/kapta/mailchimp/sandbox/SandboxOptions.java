package com.kapta.mailchimp.sandbox;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How a sandbox behaves.
 *
 * @param port the port on 127.0.0.1; 0 picks a free one
 * @param apiKey the key it accepts; {@code null} generates one ({@code <32 hex>-us1})
 * @param audienceName the name of its one audience
 * @param tags tags the audience has from the start
 * @param latencyMs added to every request, as the network and Mailchimp would
 * @param faultRate share of requests answered with 429, 503 or a dropped connection,
 * before any change
 * @param maxConnections requests in flight beyond this get 429, as Mailchimp's limit
 * @param seedMembers subscribed members the audience has from the start
 * ({@code member<i>@example.com})
 * @param randomSeed seed of the fault injection, for repeatable runs
 */
public record SandboxOptions(int port, @Nullable String apiKey, String audienceName, List<String> tags, int latencyMs,
		double faultRate, int maxConnections, int seedMembers, long randomSeed) {

	public static SandboxOptions defaults() {
		return new SandboxOptions(0, null, "Kapta Contacts", List.of(), 0, 0.0, 10, 0, 42);
	}

	public SandboxOptions withApiKey(String key) {
		return new SandboxOptions(this.port, key, this.audienceName, this.tags, this.latencyMs, this.faultRate,
				this.maxConnections, this.seedMembers, this.randomSeed);
	}

	public SandboxOptions withPort(int fixedPort) {
		return new SandboxOptions(fixedPort, this.apiKey, this.audienceName, this.tags, this.latencyMs, this.faultRate,
				this.maxConnections, this.seedMembers, this.randomSeed);
	}

	public SandboxOptions withLatency(int latency) {
		return new SandboxOptions(this.port, this.apiKey, this.audienceName, this.tags, latency, this.faultRate,
				this.maxConnections, this.seedMembers, this.randomSeed);
	}

	public SandboxOptions withFaultRate(double rate) {
		return new SandboxOptions(this.port, this.apiKey, this.audienceName, this.tags, this.latencyMs, rate,
				this.maxConnections, this.seedMembers, this.randomSeed);
	}

	public SandboxOptions withTags(List<String> names) {
		return new SandboxOptions(this.port, this.apiKey, this.audienceName, names, this.latencyMs, this.faultRate,
				this.maxConnections, this.seedMembers, this.randomSeed);
	}

}
