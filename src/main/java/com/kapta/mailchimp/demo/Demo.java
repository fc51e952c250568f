package com.kapta.mailchimp.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.kapta.mailchimp.KaptaProperties;
import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.contact.Contact;
import com.kapta.mailchimp.contact.ContactCsvLoader;
import com.kapta.mailchimp.contact.ContactService;
import com.kapta.mailchimp.database.EmptyDatabase;
import com.kapta.mailchimp.export.ExportLauncher;
import com.kapta.mailchimp.importing.ImportLauncher;
import com.kapta.mailchimp.push.PushLauncher;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxMemberView;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.tagdownload.DownloadLauncher;
import com.kapta.mailchimp.upload.UploadLauncher;
import com.kapta.mailchimp.webhook.WebhookRegistration;

/**
 * The product in one run, in a home of its own, against the sandbox: upload with a launch
 * tag, tags changed on Mailchimp, the nightly download, the export, the data team's
 * edited workbook dropped back and imported, a Kapta edit pushed, and an unsubscribe on
 * Mailchimp's side heard through the webhook. Each step prints what it did and is checked
 * against the sandbox's state and Kapta's, not only against exit codes.
 */
@Component
public class Demo {

	static final List<String> TAGS = List.of("Admin User", "Regular User", "Champion");

	private final SettingsService settings;

	private final ContactCsvLoader loader;

	private final ContactService contacts;

	private final UploadLauncher upload;

	private final DownloadLauncher download;

	private final ExportLauncher export;

	private final ImportLauncher importer;

	private final PushLauncher push;

	private final KaptaProperties properties;

	private final JdbcTemplate database;

	private final EmptyDatabase emptyDatabase;

	private final WebhookRegistration webhook;

	Demo(SettingsService settings, ContactCsvLoader loader, ContactService contacts, UploadLauncher upload,
			DownloadLauncher download, ExportLauncher export, ImportLauncher importer, PushLauncher push,
			KaptaProperties properties, JdbcTemplate database, EmptyDatabase emptyDatabase,
			WebhookRegistration webhook) {
		this.webhook = webhook;
		this.emptyDatabase = emptyDatabase;
		this.push = push;
		this.settings = settings;
		this.loader = loader;
		this.contacts = contacts;
		this.upload = upload;
		this.download = download;
		this.export = export;
		this.importer = importer;
		this.properties = properties;
		this.database = database;
	}

	/** The sandbox the demo runs against: an audience with the demo's tags. */
	public static MailchimpSandbox startSandbox() {
		return MailchimpSandbox.start(SandboxOptions.defaults().withTags(TAGS));
	}

	/**
	 * Runs every step against the sandbox ({@link #startSandbox}), which the caller
	 * closes; returns the failed checks (none when the demo passed).
	 */
	public List<String> run(MailchimpSandbox sandbox, int contactCount, PrintWriter out) throws IOException {
		this.emptyDatabase.require("the demo");
		DemoChecks checks = new DemoChecks();
		DemoPeople people = new DemoPeople(contactCount);
		step(out, "1. Kapta's contacts and a Mailchimp audience (the sandbox on " + sandbox.baseUrl() + ")");
		people.alreadyOnMailchimp()
			.forEach((email) -> sandbox.audience().putMember(email, "subscribed", "Regular User"));
		Path csv = people.writeCsv(this.properties.jobsDir().resolve("demo-contacts.csv"));
		var loaded = this.loader.load(csv);
		this.settings.save(new SettingsChange(true, sandbox.baseUrl(), sandbox.apiKey(), "Kapta Contacts"));
		out.printf(
				"   %d contacts loaded (%d of them already on Mailchimp with the tag Regular User, "
						+ "%d with addresses Mailchimp will refuse)%n",
				loaded.loaded(), people.alreadyOnMailchimp().size(), people.refused().size());
		checks.check(loaded.loaded() == contactCount && loaded.rejected().isEmpty(), "every demo contact loads");

		step(out, "2. Upload To Mailchimp with the launch tag Champion");
		JobExecution uploaded = summarize(out, this.upload.launch(List.of("Champion"), false));
		checks.check(uploaded.getStatus() == BatchStatus.COMPLETED, "the upload completes");
		checks.check(sandbox.audience().size() == contactCount - people.refused().size(),
				"every contact but the refused ones is a member");
		checks.check(people.newOnes().stream().allMatch((email) -> tagsOn(sandbox, email).equals(List.of("Champion"))),
				"members the upload created have Champion");
		checks.check(
				people.alreadyOnMailchimp()
					.stream()
					.allMatch((email) -> tagsOn(sandbox, email).equals(List.of("Regular User"))),
				"members that existed are unchanged");
		checks.check(people.refused().stream().allMatch((email) -> sandbox.audience().member(email).isEmpty()),
				"refused addresses are not on Mailchimp");

		step(out, "3. A Mailchimp user changes tags on the Mailchimp side");
		List<String> promoted = people.newOnes().subList(0, Math.min(50, people.newOnes().size()));
		promoted.forEach((email) -> {
			sandbox.audience().tagMember(email, "Admin User", true);
			sandbox.audience().tagMember(email, "Champion", false);
		});
		out.printf("   %d members: Admin User added, Champion removed%n", promoted.size());

		step(out, "4. Download To Kapta (the nightly job)");
		JobExecution downloaded = summarize(out, this.download.launch(false));
		checks.check(downloaded.getStatus() == BatchStatus.COMPLETED, "the download completes");
		checks.check(
				sandbox.audience()
					.members()
					.stream()
					.allMatch((member) -> kaptaTags(member.email()).equals(sorted(member.tags()))),
				"every member's Kapta contact has exactly its Mailchimp tags");

		step(out, "5. Export Mailchimp Contacts and Tags");
		Path exported = this.properties.jobsDir().resolve("export").resolve("mailchimp-contacts-and-tags.xlsx");
		Files.createDirectories(exported.getParent());
		JobExecution exportRun = summarize(out, this.export.launch(exported, true));
		checks.check(exportRun.getStatus() == BatchStatus.COMPLETED && Files.exists(exported),
				"the export writes its workbook");

		step(out, "6. The data team edits the workbook and drops it into " + this.importer.inbox());
		List<String> edited = people.newOnes()
			.subList(Math.min(50, people.newOnes().size()), Math.min(150, people.newOnes().size()));
		Path dropped = editLikeTheDataTeam(exported, this.importer.inbox().resolve("edited-contacts.xlsx"), edited);
		out.printf(
				"   Regular User = Y and Champion = N on %d rows, a column 'Not A Mailchimp Tag', a row with a bad email%n",
				edited.size());
		List<JobExecution> imports = new ArrayList<>();
		this.importer.launchWaiting(false, imports::add);
		JobExecution imported = imports.isEmpty() ? null : summarize(out, imports.get(0));
		checks.check(imported != null && imported.getStatus() == BatchStatus.COMPLETED,
				"the dropped workbook is imported");
		checks.check(edited.stream().allMatch((email) -> tagsOn(sandbox, email).equals(List.of("Regular User"))),
				"the edited rows' tags are on Mailchimp");
		checks.check(edited.stream().allMatch((email) -> kaptaTags(email).equals(List.of("Regular User"))),
				"the edited rows' tags are in Kapta");
		checks.check(imported != null && "1".equals(RunSummary.lines(imported).get("Skipped rows")),
				"the bad row is skipped and listed");
		checks.check(imported != null
				&& RunSummary.lines(imported).getOrDefault("Ignored columns", "").contains("Not A Mailchimp Tag"),
				"the undefined tag column is ignored and named");
		checks.check(!Files.exists(dropped), "the imported file left the drop folder");

		step(out, "7. A Kapta user tags a contact: the change is pushed to Mailchimp");
		String tagged = people.newOnes().get(people.newOnes().size() - 1);
		this.contacts.tag(tagged, List.of("VIP"), List.of());
		JobExecution pushed = summarize(out, this.push.launch());
		checks.check(pushed.getStatus() == BatchStatus.COMPLETED && tagsOn(sandbox, tagged).contains("VIP"),
				"a tag added in Kapta reaches Mailchimp (the tag created there)");

		step(out, "8. A member unsubscribes on Mailchimp's side: the webhook tells Kapta in seconds");
		String leaving = people.newOnes().get(people.newOnes().size() - 2);
		checks.check(unsubscribedOnMailchimp(sandbox, leaving, out),
				"an unsubscribe on Mailchimp reaches Kapta within 10 s, before any download");

		step(out, "9. The API key and the webhook's secrets are secrets");
		List<String> secrets = new ArrayList<>(List.of(sandbox.apiKey()));
		secrets.addAll(webhookSecrets());
		List<String> leaks = new ArrayList<>();
		for (String secret : secrets) {
			leaks.addAll(SecretScan.find(secret, this.database, this.properties.dataDir(), this.properties.jobsDir()));
		}
		out.printf("   files (workbooks unpacked) and database values holding the key, the webhook's token or its"
				+ " signing secret, besides their own owner-only files: %d%n", leaks.size());
		checks.check(leaks.isEmpty(),
				"the API key and the webhook's secrets are in no log, database, job context, report or export: "
						+ leaks);

		step(out, "Files worth opening");
		for (JobExecution run : List.of(uploaded, downloaded)) {
			RunSummary.report(run).ifPresent((report) -> out.println("   " + report.toAbsolutePath()));
		}
		out.println("   " + exported.toAbsolutePath());
		Optional.ofNullable(imported).flatMap(ImportLauncher::fileNowAt).ifPresent((file) -> out.println("   " + file));
		Optional.ofNullable(imported).flatMap(RunSummary::report).ifPresent((report) -> out.println("   " + report));
		out.printf("%nDemo checks: %d passed, %d failed.%n", checks.passed(), checks.failures().size());
		checks.failures().forEach((failure) -> out.println("   FAILED: " + failure));
		return checks.failures();
	}

	/**
	 * The person unsubscribes through an email's link; Kapta's webhook, registered at the
	 * demo console's address, hears it. Whether Kapta knew within 10 s.
	 */
	private boolean unsubscribedOnMailchimp(MailchimpSandbox sandbox, String email, PrintWriter out) {
		WebhookRegistration.Status registered = this.webhook.register();
		out.printf("   webhook registered at %s%n", registered.url());
		long start = System.nanoTime();
		sandbox.audience().unsubscribe(email);
		long deadline = start + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			if ("unsubscribed".equals(this.contacts.find(email).map(Contact::mailchimpStatus).orElse(null))) {
				out.printf("   %s unsubscribed on Mailchimp; Kapta knew it %.1f s later, with no download%n", email,
						(System.nanoTime() - start) / 1e9);
				return true;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		out.printf("   %s unsubscribed on Mailchimp; Kapta still did not know after 10 s%n", email);
		return false;
	}

	/** The webhook's token and signing secret, as its registration stored them. */
	private List<String> webhookSecrets() throws IOException {
		Path file = this.properties.dataDir().resolve("secrets").resolve("mailchimp-webhook");
		Properties stored = new Properties();
		if (Files.exists(file)) {
			stored.load(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)));
		}
		return Stream.of(stored.getProperty("token"), stored.getProperty("signing-secret"))
			.filter(Objects::nonNull)
			.toList();
	}

	private static void step(PrintWriter out, String title) {
		out.println();
		out.println(title);
		out.flush();
	}

	private static JobExecution summarize(PrintWriter out, JobExecution run) {
		RunSummary.lines(run).forEach((label, value) -> out.printf("   %-44s %s%n", label, value));
		out.printf("   -> %s%n", run.getStatus());
		out.flush();
		return run;
	}

	private static List<String> tagsOn(MailchimpSandbox sandbox, String email) {
		return sandbox.audience().member(email).map(SandboxMemberView::tags).map(Demo::sorted).orElse(List.of());
	}

	private List<String> kaptaTags(String email) {
		return this.contacts.find(email).map(Contact::tags).map(Demo::sorted).orElse(List.of());
	}

	private static List<String> sorted(List<String> tags) {
		return tags.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
	}

	/**
	 * Regular User = Y and Champion = N on the rows of these emails, an undefined tag
	 * column, a bad row.
	 */
	private static Path editLikeTheDataTeam(Path exported, Path target, List<String> emails) throws IOException {
		Files.createDirectories(target.getParent());
		// the drop folder ignores it meanwhile
		Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
		try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(exported))) {
			Sheet sheet = workbook.getSheetAt(0);
			Map<String, Integer> columns = new HashMap<>();
			Row header = sheet.getRow(0);
			header.forEach((cell) -> columns.put(cell.getStringCellValue(), cell.getColumnIndex()));
			int extra = header.getLastCellNum();
			header.createCell(extra).setCellValue("Not A Mailchimp Tag");
			for (Row row : sheet) {
				Cell email = row.getCell(0);
				if (row.getRowNum() > 0 && email != null && emails.contains(email.getStringCellValue())) {
					set(row, columns.get("Regular User"), "Y");
					set(row, columns.get("Champion"), "N");
					set(row, extra, "Y");
				}
			}
			Row bad = sheet.createRow(sheet.getLastRowNum() + 1);
			bad.createCell(0).setCellValue("not-an-email");
			bad.createCell(columns.get("Champion")).setCellValue("Y");
			try (OutputStream out = Files.newOutputStream(tmp)) {
				workbook.write(out);
			}
		}
		return Files.move(tmp, target);
	}

	/**
	 * Writes a cell as a spreadsheet program would: a new cell (POI keeps an exported
	 * inline-string cell's old text when its value is set in place).
	 */
	private static void set(Row row, int column, String value) {
		Cell old = row.getCell(column);
		if (old != null) {
			row.removeCell(old);
		}
		row.createCell(column).setCellValue(value);
	}

	/**
	 * The demo's people: new ones, some already on Mailchimp, some with addresses
	 * Mailchimp refuses.
	 */
	private static final class DemoPeople {

		private final List<String> newOnes = new ArrayList<>();

		private final List<String> alreadyOnMailchimp = new ArrayList<>();

		private final List<String> refused = new ArrayList<>();

		DemoPeople(int count) {
			for (int i = 1; i <= count; i++) {
				if (i % 10 == 0) {
					this.alreadyOnMailchimp.add(String.format("member%05d@example.com", i));
				}
				else if (i % 50 == 7) {
					this.refused.add(String.format("someone%05d@fake.invalid", i));
				}
				else {
					this.newOnes.add(String.format("person%05d@example.com", i));
				}
			}
		}

		List<String> newOnes() {
			return this.newOnes;
		}

		List<String> alreadyOnMailchimp() {
			return this.alreadyOnMailchimp;
		}

		List<String> refused() {
			return this.refused;
		}

		Path writeCsv(Path file) throws IOException {
			Files.createDirectories(file.getParent());
			try (BufferedWriter csv = Files.newBufferedWriter(file)) {
				csv.write("email,first_name,last_name,tags\n");
				List<String> all = new ArrayList<>(this.newOnes);
				all.addAll(this.alreadyOnMailchimp);
				all.addAll(this.refused);
				int n = 0;
				for (String email : all) {
					n++;
					csv.write(email + ",First" + n + ",Last" + n + ",\n");
				}
			}
			return file;
		}

	}

}
