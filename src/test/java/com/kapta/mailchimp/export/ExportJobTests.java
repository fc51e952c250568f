package com.kapta.mailchimp.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.InvalidInputException;
import com.kapta.mailchimp.KaptaSpringTest;
import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.batch.RunSummary;
import com.kapta.mailchimp.contact.Contact;
import com.kapta.mailchimp.contact.ContactCsvLoader;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Export Mailchimp Contacts and Tags: the workbook as a spreadsheet program (POI) reads
 * it back.
 */
@KaptaSpringTest
class ExportJobTests {

	@Autowired
	ExportLauncher export;

	@Autowired
	SettingsService settings;

	@Autowired
	ContactCsvLoader loader;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JobRepository jobRepository;

	@TempDir
	Path dir;

	private SandboxedKapta kapta;

	@BeforeEach
	void scene() {
		this.kapta = new SandboxedKapta(this.jdbc, this.settings, this.loader);
		this.kapta.restart(SandboxOptions.defaults().withTags(List.of("regular user", "Admin User", "Champion")));
	}

	@AfterEach
	void stop() {
		this.kapta.close();
	}

	@Test
	void oneRowPerContactWithTextCellsAndAYesNoColumnPerAudienceTag() throws IOException {
		this.kapta.load("zed@example.com,Zed,Last,Champion;Kapta Only", "formula@example.com,=SUM(A1),+1-2,",
				"ann@example.com,@mention,-minus,admin user", "名前@例え.jp,名前,Ünïcödé,");
		this.kapta.sandbox().audience().putMember("ann@example.com", "unsubscribed");
		this.jdbc.update("""
				INSERT INTO audience_member (audience_id, contact_id, subscriber_hash, status, last_synced_at)
				SELECT ?, id, 'x', 'unsubscribed', CURRENT_TIMESTAMP FROM contact WHERE email = 'ann@example.com'""",
				this.kapta.sandbox().audienceId());
		Path out = this.dir.resolve("export.xlsx");

		JobExecution run = this.export.launch(out, false);

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<List<String>> rows = read(out);
		assertThat(rows.get(0)).containsExactly("Email Address", "First Name", "Last Name", "Mailchimp Status",
				"Admin User", "Champion", "regular user");
		assertThat(rows.subList(1, rows.size())).containsExactly(
				List.of("ann@example.com", "@mention", "-minus", "unsubscribed", "Y", "N", "N"),
				List.of("formula@example.com", "=SUM(A1)", "+1-2", "not on Mailchimp", "N", "N", "N"),
				List.of("zed@example.com", "Zed", "Last", "not on Mailchimp", "N", "Y", "N"),
				List.of("名前@例え.jp", "名前", "Ünïcödé", "not on Mailchimp", "N", "N", "N"));
		assertThat(RunSummary.lines(run)).containsEntry("Contacts written", "4")
			.containsEntry("Kapta-only tags (no column)", "Kapta Only")
			.containsEntry("Tags", "refreshed from Mailchimp");
		try (Stream<Path> files = Files.list(this.dir)) {
			assertThat(files).containsExactly(out);
		}
	}

	@Test
	void aDisabledIntegrationExportsWithTheLastKnownTags() throws IOException {
		this.export.launch(this.dir.resolve("first.xlsx")); // learns the tags
		this.settings.save(new SettingsChange(false, null, null, null));
		this.kapta.sandbox().close();

		JobExecution run = this.export.launch(this.dir.resolve("offline.xlsx"));

		assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(RunSummary.lines(run)).containsEntry("Tags", "last known (the integration is disabled)");
		assertThat(read(this.dir.resolve("offline.xlsx")).get(0)).contains("Champion");
	}

	@Test
	void aFailedWriteLeavesNoFileUnderTheFinalNameAndNoTemporaryFile() throws IOException {
		Path target = this.dir.resolve("blocked.xlsx");
		// the rename onto a non-empty folder fails
		Files.createDirectories(target.resolve("occupied"));

		try (ContactWorkbook workbook = new ContactWorkbook(target, List.of("Champion"))) {
			workbook.add(new Contact(1, "a@example.com", null, null, List.of("Champion"), null));
			assertThatThrownBy(workbook::finish).isInstanceOf(IOException.class);
		}

		assertThat(Files.isRegularFile(target)).isFalse();
		try (Stream<Path> files = Files.list(this.dir)) {
			assertThat(files).containsExactly(target);
		}
	}

	@Test
	void aFailedExportIsFailedLeavesNoFileAndARerunWorks() throws IOException {
		this.kapta.load("a@example.com,A,B,Champion");
		Path target = this.dir.resolve("contacts.xlsx");
		Path obstacle = Files.createDirectories(target.resolveSibling(".contacts.xlsx.tmp").resolve("full"));

		// the temporary file cannot be written, as on a full disk
		JobExecution failed = this.export.launch(target);

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(target).doesNotExist();
		Files.delete(obstacle);
		Files.delete(obstacle.getParent());

		JobExecution rerun = this.export.launch(target);

		assertThat(rerun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(read(target)).hasSize(2);
		try (Stream<Path> files = Files.list(this.dir)) {
			assertThat(files).containsExactly(target);
		}
	}

	@Test
	void anExportWhoseProcessDiedIsMarkedFailedAndTheNextOneRuns() throws IOException {
		var parameters = new JobParametersBuilder().addString("out", "killed.xlsx").toJobParameters();
		JobInstance instance = this.jobRepository.createJobInstance(ExportJobConfiguration.JOB, parameters);
		var context = new ExecutionContext();
		// no such process: it was killed
		context.putLong("kapta.owner.pid", Long.MAX_VALUE);
		JobExecution killed = this.jobRepository.createJobExecution(instance, parameters, context);
		killed.setStatus(BatchStatus.STARTED);
		killed.setStartTime(LocalDateTime.now());
		this.jobRepository.update(killed);

		JobExecution next = this.export.launch(this.dir.resolve("next.xlsx"));

		assertThat(next.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jobRepository.getJobExecution(killed.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
	}

	@Test
	void theNextExportRemovesWhatAKilledExportLeftBehind() throws IOException {
		Path leftover = Files.writeString(this.dir.resolve(".mailchimp-contacts-and-tags-20260101-000000.xlsx.tmp"),
				"half");
		Path foreign = Files.writeString(this.dir.resolve(".someone-elses.xlsx.tmp"), "theirs");
		Path target = this.dir.resolve("mailchimp-contacts-and-tags-20260102-000000.xlsx");

		assertThat(this.export.launch(target).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		assertThat(leftover).doesNotExist();
		assertThat(foreign).exists();
		assertThat(target).exists();
	}

	@Test
	void aMissingFolderIsRefusedBeforeAnythingIsWritten() {
		assertThatThrownBy(() -> this.export.launch(this.dir.resolve("missing").resolve("x.xlsx")))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("does not exist");
	}

	/** Every row as text, as POI reads the file; formulas would show as such. */
	private static List<List<String>> read(Path file) throws IOException {
		List<List<String>> rows = new ArrayList<>();
		try (InputStream in = Files.newInputStream(file); var workbook = new XSSFWorkbook(in)) {
			Sheet sheet = workbook.getSheet(ContactWorkbook.SHEET);
			assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
			assertThat(workbook.getSheetAt(0).getCTWorksheet().isSetAutoFilter()).isTrue();
			assertThat(workbook.getFontAt(sheet.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
			for (Row row : sheet) {
				List<String> values = new ArrayList<>();
				for (Cell cell : row) {
					assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
					values.add(cell.getStringCellValue());
				}
				rows.add(values);
			}
		}
		return rows;
	}

}
