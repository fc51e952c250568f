package com.kapta.mailchimp.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.kapta.mailchimp.HomeDatabase;
import com.kapta.mailchimp.HomeSecrets;
import com.kapta.mailchimp.TestHomes;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line as a user meets it: exit codes, one-line errors, and what the commands
 * print.
 */
class KaptaCliTests {

	private static final String KEY = "0123456789abcdef0123456789abcdef-us6";

	private final Path home = TestHomes.reset("KaptaCliTests");

	private final Path data = this.home.resolve("data");

	@Test
	void helpListsEveryCommandWithOneLineEach() {
		CliRun help = CliRun.run(this.data, "help");

		assertThat(help.exitCode()).isZero();
		for (String command : new String[] { "service", "settings", "contacts", "status", "upload", "download-tags",
				"export", "import", "push", "sandbox", "demo", "bench", "users", "schedule", "webhook" }) {
			assertThat(help.out()).containsPattern("(?m)^  " + command + " +\\S");
		}
		// help needs no database
		assertThat(this.data).doesNotExist();
	}

	@Test
	void badUsageExitsTwoWithOneLineAndTouchesNothing() {
		assertUsageError(CliRun.run(this.data), "Missing command");
		assertUsageError(CliRun.run(this.data, "frobnicate"), "frobnicate");
		assertUsageError(CliRun.run(this.data, "settings", "save", "--colour", "red"), "--colour");
		assertUsageError(CliRun.run(this.data, "contacts", "add"), "--email");
		assertUsageError(CliRun.run(this.data, "contacts", "load"), "FILE.csv");
		assertUsageError(CliRun.run(this.data, "settings"), "show, save");
		assertUsageError(CliRun.run(this.data, "settings", "save", "--enabled", "maybe"), "maybe");
		assertThat(this.data).doesNotExist();
	}

	@Test
	void settingsAndContactsEndToEndNeverShowingTheKey() {
		CliRun saved = CliRun.run(this.data, "settings", "save", "--api-key", KEY, "--audience", "Kapta Contacts",
				"--enabled", "true");
		assertThat(saved.exitCode()).as(saved.err()).isZero();
		assertThat(saved.out()).contains("****-us6", "https://us6.api.mailchimp.com/3.0", "Kapta Contacts");

		CliRun refused = CliRun.run(this.data, "settings", "save", "--api-url", "https://us9.api.mailchimp.com/3.0");
		assertThat(refused.exitCode()).isEqualTo(2);
		assertThat(refused.err()).contains("us9", "us6").hasLineCount(1);

		CliRun shown = CliRun.run(this.data, "settings", "show");
		assertThat(shown.out()).contains("Enabled:      yes", "API key:      ****-us6", "Audience id:  (not known yet)",
				"New members:  subscribed (Save And Synchronize reads");

		CliRun pending = CliRun.run(this.data, "settings", "save", "--new-member-status", "pending");
		assertThat(pending.exitCode()).as(pending.err()).isZero();
		assertThat(pending.out()).contains("New members:  pending, as chosen");
		CliRun unknown = CliRun.run(this.data, "settings", "save", "--new-member-status", "confirmed");
		assertThat(unknown.exitCode()).isEqualTo(2);
		assertThat(unknown.err()).contains("audience, subscribed, pending", "'confirmed'").hasLineCount(1);
		assertThat(CliRun.run(this.data, "settings", "show").out()).contains("New members:  pending, as chosen");
		// off again: with it on, contact changes would be pushed to that (real) Mailchimp
		assertThat(CliRun.run(this.data, "settings", "save", "--enabled", "false").exitCode()).isZero();

		assertThat(CliRun
			.run(this.data, "contacts", "add", "--email", "Ann@Example.com", "--first-name", "Ann", "--tags",
					"Admin User,Champion")
			.exitCode()).isZero();
		CliRun duplicate = CliRun.run(this.data, "contacts", "add", "--email", "ann@example.COM");
		assertThat(duplicate.exitCode()).isOne();
		assertThat(duplicate.err()).contains("Ann@Example.com", "contacts tag").hasLineCount(1);
		CliRun invalid = CliRun.run(this.data, "contacts", "add", "--email", "ann");
		assertThat(invalid.exitCode()).isEqualTo(2);
		assertThat(invalid.err()).contains("not a valid email address").hasLineCount(1);
		CliRun emptyTag = CliRun.run(this.data, "contacts", "tag", "--email", "ann@example.com", "--add", "A,,B");
		assertThat(emptyTag.exitCode()).isEqualTo(2);

		CliRun tagged = CliRun.run(this.data, "contacts", "tag", "--email", "ANN@example.com", "--add", "VIP",
				"--remove", "champion");
		assertThat(tagged.exitCode()).isZero();
		CliRun listed = CliRun.run(this.data, "contacts", "list", "--email", "ann@example.com");
		assertThat(listed.out()).containsPattern("Ann@Example.com +Ann +- +- +Admin User, VIP");
		assertThat(CliRun.run(this.data, "contacts", "list", "--email", "nobody@example.com").exitCode()).isOne();

		CliRun status = CliRun.run(this.data, "status");
		assertThat(status.exitCode()).isZero();
		assertThat(status.out()).contains("Kapta changes waiting to be sent to Mailchimp: 0; failed for good: 0",
				"No job has run yet.");
	}

	@Test
	void contactsLoadReportsBadLinesAndLoadsTheRest() throws Exception {
		Path csv = Files.writeString(this.home.resolve("contacts.csv"),
				"email,first_name,last_name,tags\na@example.com,A,,X\nbroken,B,,\nc@example.com,C,,\n");

		CliRun load = CliRun.run(this.data, "contacts", "load", csv.toString());

		assertThat(load.exitCode()).isZero();
		assertThat(load.out()).contains("Loaded 2 contacts", "1 lines rejected",
				"line 3: 'broken' is not a valid email");
		assertThat(CliRun.run(this.data, "contacts", "list").out()).contains("a@example.com", "c@example.com")
			.doesNotContain("broken");
	}

	@Test
	void jobsRefuseBadTagsAndADisabledIntegrationBeforeAnyCall() {
		for (String tags : new String[] { "A,,B", " ", "x".repeat(101) }) {
			CliRun run = CliRun.run(this.data, "upload", "--tags", tags);
			assertThat(run.exitCode()).as(tags).isEqualTo(2);
			assertThat(run.err()).hasLineCount(1);
		}
		CliRun disabled = CliRun.run(this.data, "upload", "--tags", "Champion");
		assertThat(disabled.exitCode()).isEqualTo(2);
		assertThat(disabled.err()).contains("disabled").hasLineCount(1);
		CliRun nothingToRestart = CliRun.run(this.data, "upload", "--restart", "--tags", "A");
		assertThat(nothingToRestart.exitCode()).isEqualTo(2);
		CliRun download = CliRun.run(this.data, "download-tags");
		assertThat(download.exitCode()).isEqualTo(2);
		assertThat(download.err()).contains("disabled").hasLineCount(1);
		CliRun restartFull = CliRun.run(this.data, "download-tags", "--restart", "--full");
		assertThat(restartFull.exitCode()).isEqualTo(2);
		assertThat(restartFull.err()).contains("--restart resumes the last download as it was launched; give no --full")
			.hasLineCount(1);
	}

	@Test
	void importSaysWhereAFileWentAndWhy() throws Exception {
		try (MailchimpSandbox sandbox = MailchimpSandbox.start(SandboxOptions.defaults())) {
			assertThat(CliRun
				.run(this.data, "settings", "save", "--api-url", sandbox.baseUrl(), "--api-key", sandbox.apiKey(),
						"--audience", "Kapta Contacts", "--enabled", "true")
				.exitCode()).isZero();
			Path inbox = Files.createDirectories(this.home.resolve("jobs/import"));

			CliRun missing = CliRun.run(this.data, "import", this.home.resolve("nowhere.xlsx").toString());
			assertThat(missing.exitCode()).isEqualTo(2);
			assertThat(missing.err()).contains("nowhere.xlsx").hasLineCount(1);

			CliRun none = CliRun.run(this.data, "import");
			assertThat(none.exitCode()).isZero();
			assertThat(none.out()).contains("No files are waiting in " + inbox);

			Files.writeString(inbox.resolve("renamed.xlsx"), "Email Address\nann@example.com\n");
			CliRun csv = CliRun.run(this.data, "import");
			assertThat(csv.exitCode()).isOne();
			assertThat(csv.out()).contains("File now in: " + inbox.resolve("failed"), "it looks like text or CSV");
			assertThat(csv.err()).contains("1 of 1 files could not be imported").hasLineCount(1);

			Path xls = Files.write(this.home.resolve("old.xls"), new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11,
					(byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0, 0, 0 });
			CliRun one = CliRun.run(this.data, "import", xls.toString());
			assertThat(one.exitCode()).isOne();
			assertThat(one.err()).startsWith("import of old.xls failed: The file is not a readable xlsx")
				.hasLineCount(1);
			assertThat(xls).as("a file from elsewhere is copied, not moved").exists();
			assertThat(sandbox.stats().totalWrites()).isZero();

			CliRun restart = CliRun.run(this.data, "import", "--restart", "--dry-run");
			assertThat(restart.exitCode()).isEqualTo(2);
		}
	}

	@Test
	void saveAndSynchronizeVerifiesBeforeSavingThenContactChangesArePushedRightAway() {
		try (MailchimpSandbox sandbox = MailchimpSandbox
			.start(SandboxOptions.defaults().withTags(List.of("Champion")))) {
			sandbox.audience().putMember("ann@example.com", "subscribed", "Champion");
			assertThat(CliRun.run(this.data, "contacts", "add", "--email", "bob@example.com", "--tags", "Champion")
				.exitCode()).isZero();

			String otherKey = "0123456789abcdef0123456789abcdef-us1";
			CliRun badKey = CliRun.run(this.data, "settings", "save", "--api-url", sandbox.baseUrl(), "--api-key",
					otherKey, "--audience", "Kapta Contacts", "--enabled", "true", "--synchronize");
			assertThat(badKey.exitCode()).isEqualTo(2);
			assertThat(badKey.err()).isEqualToIgnoringNewLines("API key rejected by Mailchimp. Nothing was saved.");
			assertThat(CliRun.run(this.data, "settings", "show").out()).contains("Enabled:      no",
					"API key:      (not set)");

			CliRun unknown = CliRun.run(this.data, "settings", "save", "--api-url", sandbox.baseUrl(), "--api-key",
					sandbox.apiKey(), "--audience", "Customers", "--enabled", "true", "--synchronize");
			assertThat(unknown.exitCode()).isEqualTo(2);
			assertThat(unknown.err()).contains("no audience named 'Customers'", "'Kapta Contacts'").hasLineCount(1);

			CliRun otherCenter = CliRun.run(this.data, "settings", "save", "--api-url",
					"https://us9.api.mailchimp.com/3.0", "--api-key", otherKey, "--audience", "Kapta Contacts",
					"--enabled", "true", "--synchronize");
			assertThat(otherCenter.exitCode()).isEqualTo(2);
			assertThat(otherCenter.err()).contains("us9", "us1").hasLineCount(1);
			assertThat(sandbox.stats().totalWrites()).isZero();

			CliRun synced = CliRun.run(this.data, "settings", "save", "--api-url", sandbox.baseUrl(), "--api-key",
					sandbox.apiKey(), "--audience", "Kapta Contacts", "--enabled", "true", "--synchronize");
			assertThat(synced.exitCode()).as(synced.err()).isZero();
			assertThat(synced.out()).contains("verified", "Audience id:  " + sandbox.audienceId(), "upload completed",
					"downloadTags completed");
			assertThat(sandbox.audience().member("bob@example.com")).isPresent();

			CliRun added = CliRun.run(this.data, "contacts", "add", "--email", "ann@example.com", "--tags", "VIP");
			assertThat(added.exitCode()).isZero();
			assertThat(added.out()).contains("Sent to Mailchimp: 0 added, tags added 1 (VIP 1)");
			assertThat(sandbox.audience().member("ann@example.com").orElseThrow().tags())
				.containsExactlyInAnyOrder("Champion", "VIP");
			assertThat(CliRun.run(this.data, "status").out())
				.contains("Kapta changes waiting to be sent to Mailchimp: 0; failed for good: 0");

			sandbox.failRequestsAfter(0);
			CliRun offline = CliRun.run(this.data, "contacts", "tag", "--email", "ann@example.com", "--remove", "VIP");
			assertThat(offline.exitCode()).as("the change is saved").isZero();
			assertThat(offline.out()).contains("stay queued for the next push");
			assertThat(CliRun.run(this.data, "status").out()).contains("waiting to be sent to Mailchimp: 1;");
			sandbox.failRequestsAfter(-1);
			CliRun pushed = CliRun.run(this.data, "push");
			assertThat(pushed.exitCode()).isZero();
			assertThat(pushed.out()).contains("Tags removed", "VIP 1", "push completed");
			assertThat(sandbox.audience().member("ann@example.com").orElseThrow().tags()).containsExactly("Champion");

			CliRun uploaded = CliRun.run(this.data, "upload", "--tags", "Champion");
			assertThat(uploaded.exitCode()).as(uploaded.err()).isZero();
		}
		// every command's action is its OS user's, from the command line; the key never
		String me = System.getProperty("user.name");
		List<String> audit = HomeDatabase.<List<String>>ask(this.home,
				(jdbc) -> jdbc.queryForList(
						"SELECT actor || ' ' || channel || ' ' || event || ' ' || COALESCE(subject, '-') || ' '"
								+ " || COALESCE(detail, '-') FROM audit_event ORDER BY id",
						String.class));
		assertThat(audit)
			.contains(me + " CLI CONTACT_ADDED bob@example.com tags: Champion",
					me + " CLI SETTINGS_SYNCHRONIZED Mailchimp integration an upload without tags, then a tag download",
					me + " CLI CONTACT_TAGGED ann@example.com added: -; removed: VIP")
			.anyMatch((line) -> line.startsWith(me + " CLI JOB_LAUNCHED upload") && line.contains("tags=Champion"))
			.anyMatch((line) -> line.startsWith(me + " CLI SETTINGS_SAVED Mailchimp integration integration turned on")
					&& line.contains("audience null → Kapta Contacts; API key added"))
			.noneMatch((line) -> line.contains("0123456789abcdef"));
		assertThat(HomeSecrets.find(this.home, "0123456789abcdef0123456789abcdef")).isEmpty();
	}

	@Test
	void theDemoRunsEveryJobInItsOwnHomeAndChecksTheOutcome() throws Exception {
		Path demoHome = this.home.resolve("demo");

		CliRun demo = CliRun.run(this.data, "demo", "--home", demoHome.toString(), "--contacts", "300");

		assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
		assertThat(demo.out()).contains("Demo checks: 18 passed, 0 failed.", "The demo passed.");
		assertThat(demoHome.resolve("jobs/export/mailchimp-contacts-and-tags.xlsx")).exists();
		assertThat(this.data).as("the user's own data is not touched").doesNotExist();
		String key = Files.readString(demoHome.resolve("data/secrets/mailchimp-api-key")).strip();
		assertThat(HomeSecrets.find(demoHome, key)).as("files and database values holding the API key").isEmpty();
		assertThat(demo.out()).contains("Kapta knew it", "with no download");
		String token = Files.readAllLines(demoHome.resolve("data/secrets/mailchimp-webhook"))
			.get(0)
			.replace("token=", "");
		assertThat(token).hasSize(64);
		assertThat(HomeSecrets.find(demoHome, token)).as("files and database values holding the webhook's token")
			.isEmpty();
		// the scan bites: the key planted in a job's execution context and in a workbook
		// is found
		HomeSecrets.plant(demoHome, key);
		assertThat(HomeSecrets.find(demoHome, key)).containsExactlyInAnyOrder("jobs/planted.xlsx",
				"BATCH_JOB_EXECUTION_CONTEXT.SHORT_CONTEXT");

		CliRun again = CliRun.run(this.data, "demo", "--home", demoHome.toString());
		assertThat(again.exitCode()).isEqualTo(2);
		assertThat(again.err()).contains("is not empty").hasLineCount(1);
		assertThat(CliRun.run(this.data, "demo", "--contacts", "10").exitCode()).isEqualTo(2);
	}

	@Test
	void benchPrintsOneLinePerJobAgainstTheBound() {
		CliRun bench = CliRun.run(this.data, "bench", "all", "--contacts", "1200", "--latency-ms", "0", "--tags", "2");

		assertThat(bench.exitCode()).as(bench.out() + bench.err()).isZero();
		assertThat(bench.out()).containsPattern(
				"(?m)^bench job=upload items=1200 calls=\\d+ min_calls=11 wall_s=\\S+ bound_s=0.0 ratio=- peak_heap_mb=\\d+ "
						+ "target_wall_s=10.0 \\(met\\) target_calls=13 \\(met\\)$")
			.containsPattern("(?m)^bench job=download items=1200 calls=\\d+ min_calls=2 ")
			.containsPattern("(?m)^bench job=export items=1200 .* target_wall_s=- target_calls=-$")
			.containsPattern("(?m)^bench job=import items=1200 calls=\\d+ min_calls=2 ");
		assertThat(this.data).as("the user's own data is not touched").doesNotExist();
		assertThat(CliRun.run(this.data, "bench", "everything").exitCode()).isEqualTo(2);
	}

	@Test
	void anUnusableDataFolderIsOneClearLine() throws Exception {
		Path file = Files.writeString(this.home.resolve("not-a-folder"), "x");

		CliRun run = CliRun.run(file, "settings", "show");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("data folder", "KAPTA_DATA_DIR").hasLineCount(1);
	}

	@Test
	void aCorruptDatabaseIsAClearMessageAndIsLeftAlone() throws Exception {
		Path db = Files.createDirectories(this.data.resolve("db"));
		Files.writeString(db.resolve("kapta.script"), "this is not a database\n");

		CliRun run = CliRun.run(this.data, "contacts", "list");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("Cannot open the database in " + this.data).hasLineCount(1);
		assertThat(Files.readString(db.resolve("kapta.script"))).isEqualTo("this is not a database\n");
	}

	@Test
	void aForeignDatabaseIsRefusedBeforeAnyWrite() throws Exception {
		// an HSQLDB database that is not Kapta's: tables, but no migration history
		Path db = this.data.resolve("db").resolve("kapta");
		try (var connection = DriverManager.getConnection("jdbc:hsqldb:file:" + db + ";shutdown=true", "SA", "");
				var statement = connection.createStatement()) {
			statement.execute("CREATE TABLE invoices (id INT PRIMARY KEY)");
		}

		CliRun run = CliRun.run(this.data, "settings", "show");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("not one Kapta can use").hasLineCount(1);
	}

	@Test
	void aDatabaseUrlThatIsNotPostgresIsOneLineAndExitTwo() {
		CliRun run = CliRun.run(this.data, Map.of("kapta.database.url", "jdbc:mysql://db.example.com/kapta"), "status");

		assertUsageError(run, "must be a PostgreSQL JDBC URL");
		assertThat(this.data.resolve("db")).as("nothing written").doesNotExist();
	}

	private void assertUsageError(CliRun run, String mentions) {
		assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
		assertThat(run.err()).contains(mentions).hasLineCount(1);
		assertThat(run.out()).isEmpty();
	}

}
