package com.kapta.mailchimp.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.jdbc.core.JdbcTemplate;

import com.kapta.mailchimp.SandboxedKapta;
import com.kapta.mailchimp.TestHomes;
import com.kapta.mailchimp.sandbox.MailchimpSandbox;
import com.kapta.mailchimp.sandbox.SandboxOptions;
import com.kapta.mailchimp.settings.SettingsChange;
import com.kapta.mailchimp.settings.SettingsService;
import com.kapta.mailchimp.users.Role;
import com.kapta.mailchimp.users.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real browser (headless Chromium from Debian's packages, driven by
 * Selenium through the system's chromedriver) against the sandbox: sign in, Save And
 * Synchronize, an upload with a tag, the export downloaded, a workbook imported, and a
 * contact's tag edit reaching Mailchimp. Skipped, saying so, where Chromium or
 * chromedriver is missing, unless {@code KAPTA_REQUIRE_BROWSER} is set (CI sets it).
 */
class RealBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static WebService service;

	private static SandboxedKapta kapta;

	private static MailchimpSandbox sandbox;

	private static WebDriver browser;

	private static Path downloads;

	@BeforeAll
	static void start() throws IOException {
		boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!present && System.getenv("KAPTA_REQUIRE_BROWSER") != null) {
			throw new IllegalStateException("KAPTA_REQUIRE_BROWSER is set but " + CHROMIUM + " or " + CHROMEDRIVER
					+ " is missing: install Debian's chromium and chromium-driver");
		}
		Assumptions.assumeTrue(present, "Skipped: no real browser here (apt-get install chromium chromium-driver)");
		service = WebService.start("RealBrowserTests");
		kapta = service.kapta();
		sandbox = kapta.restart(SandboxOptions.defaults().withTags(List.of("Champion", "VIP")));
		service.bean(SettingsService.class).save(new SettingsChange(false, "", "", ""));
		service.bean(UserAccounts.class).add("ann", Role.ADMIN, "ann's long password");
		downloads = Files.createDirectories(TestHomes.reset("RealBrowserTests-downloads"));
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// as root (CI) Chromium needs --no-sandbox; /dev/shm is small in containers
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
		options.setExperimentalOption("prefs",
				Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
		browser = new ChromeDriver(
				new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString())).build(),
				options);
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (service != null) {
			service.close();
		}
	}

	@Test
	void anAdminWorksThroughTheConsole() throws IOException {
		kapta.load("ann@example.com,Ann,Lee,", "bob@example.com,Bob,,");

		// sign in
		open("/");
		type("username", "ann");
		type("password", "ann's long password");
		click(By.cssSelector("button[type=submit]"));
		waitFor("Signed in as");

		// Save And Synchronize
		open("/settings");
		browser.findElement(By.name("enabled")).click();
		type("apiUrl", sandbox.baseUrl());
		type("apiKey", sandbox.apiKey());
		type("audienceName", "Kapta Contacts");
		click(By.cssSelector("button[value=synchronize]"));
		waitFor("Verified with Mailchimp, saved and synchronized.");
		assertThat(browser.getPageSource()).doesNotContain(sandbox.apiKey());

		// an upload with a tag, for a contact added meanwhile
		kapta.loadAsNewEdits("carl@example.com,,,");
		service.bean(JdbcTemplate.class).update("DELETE FROM outbox");
		open("/");
		click(By.xpath("//button[text()='Upload To Mailchimp']"));
		waitFor("Tags for the new contacts");
		browser.findElement(By.cssSelector("input[name=tag][value=Champion]")).click();
		click(By.cssSelector("button[value=false]"));
		waitFor("COMPLETED");
		assertThat(sandbox.audience().member("carl@example.com").orElseThrow().tags()).containsExactly("Champion");

		// the export, downloaded by the browser
		open("/data");
		click(By.xpath("//button[text()='Export']"));
		waitFor("Download the workbook");
		click(By.partialLinkText("Download the workbook"));
		Path workbook = await().atMost(Duration.ofSeconds(30)).until(RealBrowserTests::downloaded, (f) -> f != null);

		// the same workbook imported back, previewed
		open("/data");
		browser.findElement(By.name("file")).sendKeys(workbook.toString());
		click(By.cssSelector("button[value=true]"));
		waitFor("COMPLETED");
		assertThat(browser.getPageSource()).contains("Rows read");

		// a contact's tag edit, from its Communications tab to Mailchimp
		open("/contacts?q=bob");
		click(By.linkText("bob@example.com"));
		browser.findElement(By.cssSelector("input[name=tag][value=VIP]")).click();
		click(By.xpath("//button[text()='Save']"));
		waitFor("Tags saved.");
		assertThat(sandbox.audience().member("bob@example.com").orElseThrow().tags()).contains("VIP");
	}

	private static Path downloaded() throws IOException {
		try (Stream<Path> files = Files.list(downloads)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".xlsx")).findFirst().orElse(null);
		}
	}

	private static void open(String path) {
		browser.get(service.uri(path).toString());
	}

	private static void type(String field, String text) {
		WebElement input = browser.findElement(By.name(field));
		input.clear();
		input.sendKeys(text);
	}

	private static void click(By what) {
		browser.findElement(what).click();
	}

	private static void waitFor(String text) {
		new WebDriverWait(browser, Duration.ofSeconds(30))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), text));
	}

}
