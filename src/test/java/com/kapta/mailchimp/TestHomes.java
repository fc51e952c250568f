package com.kapta.mailchimp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Fresh, empty Kapta homes under {@code target/test-homes/NAME} (data and jobs folders),
 * so every test class starts from nothing, as a fresh clone does. A
 * {@link KaptaSpringTest} gets one named after its class before its application context
 * starts.
 */
public final class TestHomes {

	private TestHomes() {
	}

	/** Empties (or creates) {@code target/test-homes/name} and returns it, absolute. */
	public static Path reset(String name) {
		Path home = Path.of("target", "test-homes", name).toAbsolutePath();
		delete(home);
		try {
			return Files.createDirectories(home);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A port free on this machine now, for a service whose address must be known first.
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static void delete(Path path) {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> files = Files.walk(path)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
