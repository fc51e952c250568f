package com.kapta.mailchimp.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.TestHomes;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./run.sh users …}: what an admin sees, and what never shows or is kept. */
class UsersCommandTests {

	private final Path data = TestHomes.reset("UsersCommandTests").resolve("data");

	@Test
	void aUserAddedWithoutAPasswordGetsOneShownOnceAndKeptOnlyAsAHash() throws Exception {
		CliRun added = CliRun.run(this.data, "users", "add", "--username", "ann", "--role", "admin");

		assertThat(added.exitCode()).as(added.err()).isZero();
		Matcher password = Pattern.compile("Password \\(shown once\\): (\\S+)").matcher(added.out());
		assertThat(password.find()).isTrue();
		assertThat(password.group(1)).hasSize(20);
		CliRun listed = CliRun.run(this.data, "users", "list");
		assertThat(listed.out()).containsPattern("(?m)^ann +admin +no +-$").doesNotContain(password.group(1));
		assertThat(filesContaining(password.group(1))).as("the password is in no file of the home").isZero();
	}

	@Test
	void unlockLiftsALockAndNamesAUserThatDoesNotExist() {
		assertThat(CliRun.run(this.data, "users", "add", "--username", "eve", "--role", "data").exitCode()).isZero();

		CliRun unlocked = CliRun.run(this.data, "users", "unlock", "eve");
		CliRun nobody = CliRun.run(this.data, "users", "unlock", "nobody");

		assertThat(unlocked.exitCode()).as(unlocked.err()).isZero();
		assertThat(unlocked.out()).contains("User eve unlocked.");
		assertThat(nobody.exitCode()).isEqualTo(2);
		assertThat(nobody.err()).contains("No user is named nobody").hasLineCount(1);
	}

	@Test
	void aPasswordFromStandardInputAndATokenThatIsShownOnce() throws Exception {
		CliRun added = withInput("a long enough secret\n",
				() -> CliRun.run(this.data, "users", "add", "--username", "dan", "--role", "data", "--password", "-"));
		assertThat(added.exitCode()).as(added.err()).isZero();
		assertThat(added.out()).contains("User dan added as data.").doesNotContain("Password");

		CliRun token = CliRun.run(this.data, "users", "token", "dan");
		Matcher value = Pattern.compile("\\(shown once\\): (kapta_\\S+)").matcher(token.out());
		assertThat(value.find()).isTrue();
		assertThat(CliRun.run(this.data, "users", "list").out()).containsPattern("(?m)^dan +data +yes +-$");
		assertThat(filesContaining(value.group(1))).as("the token is in no file of the home").isZero();
		assertThat(filesContaining("a long enough secret")).isZero();
	}

	@Test
	void mistakesExitTwoWithOneLine() {
		CliRun.run(this.data, "users", "add", "--username", "ann", "--role", "admin", "--password", "long enough pw");

		assertUsage(CliRun.run(this.data, "users", "add", "--username", "ANN", "--role", "data"), "exists already");
		assertUsage(CliRun.run(this.data, "users", "add", "--username", "bob", "--role", "boss"), "admin or data");
		assertUsage(CliRun.run(this.data, "users", "add", "--username", "bob smith", "--role", "data"), "username");
		assertUsage(CliRun.run(this.data, "users", "add", "--username", "bob", "--role", "data", "--password",
				"eleven char"), "at least 12");
		assertUsage(CliRun.run(this.data, "users", "remove", "nobody"), "No user is named nobody");
		assertUsage(CliRun.run(this.data, "users", "token", "nobody"), "No user is named nobody");
		assertThat(CliRun.run(this.data, "users", "remove", "ann").exitCode()).isZero();
		assertThat(CliRun.run(this.data, "users", "list").out()).contains("No users yet");
	}

	private static void assertUsage(CliRun run, String words) {
		assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
		assertThat(run.err()).contains(words).hasLineCount(1);
	}

	private long filesContaining(String secret) throws Exception {
		try (Stream<Path> files = Files.walk(this.data)) {
			return files.filter(Files::isRegularFile).filter((file) -> {
				try {
					return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(secret);
				}
				catch (IOException ex) {
					return false;
				}
			}).count();
		}
	}

	private static CliRun withInput(String input, Supplier<CliRun> run) {
		InputStream before = System.in;
		System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
		try {
			return run.get();
		}
		finally {
			System.setIn(before);
		}
	}

}
