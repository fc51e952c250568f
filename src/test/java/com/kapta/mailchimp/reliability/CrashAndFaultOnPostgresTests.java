package com.kapta.mailchimp.reliability;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.HomeDatabase;
import com.kapta.mailchimp.OnPostgres;
import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.TestHomes;
import com.kapta.mailchimp.cli.CliRun;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CrashAndFaultTests} with each home's database on a real PostgreSQL server: the
 * seed's database copied for every run (CREATE DATABASE … TEMPLATE), the killed JVM's
 * connections dropped by the server. And what only a server can do: restart under a
 * running job.
 */
@OnPostgres
class CrashAndFaultOnPostgresTests extends CrashAndFaultTests {

	/**
	 * Every connection of the run is cut, as a database restart cuts them: the run ends
	 * (failed, one line), holds no lock, and {@code --restart} finishes it where an
	 * uninterrupted run ends.
	 */
	@Test
	void aDatabaseRestartDuringAnUploadFailsItCleanlyAndARestartResumesIt() throws Exception {
		Path root = TestHomes.reset(getClass().getSimpleName() + "-database-restart");
		JobScene scene = uploadScene(root);
		Path reference = scene.copy(root.resolve("uninterrupted"));
		String mailchimpEnd;
		try (MailchimpSandbox sandbox = scene.startSandbox()) {
			CliRun run = CliRun.run(reference.resolve("data"), HomeDatabase.properties(reference), "upload", "--tags",
					"Champion");
			assertThat(run.exitCode()).as(run.err()).isZero();
			mailchimpEnd = SandboxedKapta.mailchimpState(sandbox);
		}

		Path home = scene.copy(root.resolve("restarted"));
		try (MailchimpSandbox sandbox = scene.startSandbox()) {
			JobProcess process = JobProcess.start(home, List.of("upload", "--tags", "Champion"));
			assertThat(process.awaitWorking()).as(process.output()).isTrue();
			// into the partitions' chunks
			Thread.sleep(400);
			int cut = HomeDatabase.cutConnections(home);
			int exit = process.waitFor();

			assertThat(cut).as("connections the run had open").isPositive();
			assertThat(exit).as(process.output()).isEqualTo(1);
			assertThat(process.output().strip().lines().reduce((first, second) -> second).orElseThrow())
				.startsWith("upload failed: The connection to the database was lost (")
				.endsWith("resume it with './run.sh upload --restart'");
			CliRun again = CliRun.run(home.resolve("data"), HomeDatabase.properties(home), "upload", "--restart");
			assertThat(again.exitCode()).as(again.err()).isZero();
			assertThat(SandboxedKapta.mailchimpState(sandbox)).isEqualTo(mailchimpEnd);
		}
		assertThat(JobScene.kaptaState(home)).isEqualTo(JobScene.kaptaState(reference));
	}

}
