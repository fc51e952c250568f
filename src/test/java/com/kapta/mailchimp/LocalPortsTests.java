package com.kapta.mailchimp;

import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which ports of 127.0.0.1 are free: what the demo's console and the benches pick. */
@Tag("fast")
class LocalPortsTests {

	@Test
	void aPortSomethingListensOnIsNotFreeAndIsAgainOnceItStops() throws Exception {
		int port = LocalPorts.free();
		assertThat(port).isBetween(1024, 65535);
		assertThat(LocalPorts.isFree(port)).isTrue();
		try (ServerSocket taken = new ServerSocket()) {
			taken.bind(new InetSocketAddress("127.0.0.1", port));
			assertThat(LocalPorts.isFree(port)).isFalse();
			assertThat(LocalPorts.free()).isNotEqualTo(port);
		}
		assertThat(LocalPorts.isFree(port)).isTrue();
	}

}
