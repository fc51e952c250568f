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
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
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

	/**
	 * Where each screen is saved, numbered in the order of the walk:
	 * {@code target/screens}, or {@code -Dkapta.screens=docs/images} to renew the docs'
	 * screenshots.
	 */
	private static final Path SCREENS = Path.of(System.getProperty("kapta.screens", "target/screens"));

	private static int screens;

	@BeforeAll
	static void start() throws IOException {
		boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!present && System.getenv("KAPTA_REQUIRE_BROWSER") != null) {
			throw new IllegalStateException("KAPTA_REQUIRE_BROWSER is set but " + CHROMIUM + " or " + CHROMEDRIVER
					+ " is missing: install Debian's chromium and chromium-driver");
		}
		Assumptions.assumeTrue(present, "Skipped: no real browser here (apt-get install chromium chromium-driver)");
		// the whole service, its schedule too (the timers slowed: the walk's steps are
		// its
		// own)
		service = WebService.service("RealBrowserTests", false, "--kapta.schedule.import-poll=1h",
				"--kapta.schedule.push=1h");
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
	void anAdminWalksTheUserGuidesPathWithNoAccessibilityViolation() throws IOException {
		kapta.load("ann@example.com,Ann,Lee,", "bob@example.com,Bob,,");

		// sign in
		open("/");
		check("sign-in");
		type("username", "ann");
		type("password", "ann's long password");
		click(By.cssSelector("button[type=submit]"));
		waitFor("Signed in as");
		check("mailchimp-off");

		// Settings › Configuration › Integrations: the switch shows the configuration
		menu("Settings", "Integrations");
		waitFor("Mailchimp Integration");
		assertThat(browser.findElement(By.id("configuration")).isDisplayed()).as("hidden while off").isFalse();
		check("integrations-off");
		click(By.id("enabled"));
		assertThat(browser.findElement(By.id("configuration")).isDisplayed()).isTrue();
		type("apiUrl", sandbox.baseUrl());
		type("apiKey", sandbox.apiKey());
		type("audienceName", "Kapta Contacts");
		click(By.cssSelector("button[value=synchronize]"));
		waitFor("Verified with Mailchimp, saved and synchronized.");
		assertThat(browser.getPageSource()).doesNotContain(sandbox.apiKey());
		assertThat(new Select(browser.findElement(By.id("newMemberStatus"))).getFirstSelectedOption().getText())
			.isEqualTo("As the audience asks");
		assertThat(browser.findElement(By.id("newMemberStatus-help")).getText())
			.contains("subscribed: the audience does not ask new subscribers to confirm");
		check("integrations-synchronized");

		// Upload To Mailchimp: the dialog over the Mailchimp page, its tags refreshed,
		// one ticked
		kapta.loadAsNewEdits("carl@example.com,,,");
		service.bean(JdbcTemplate.class).update("DELETE FROM outbox");
		open("/");
		click(By.linkText("Upload To Mailchimp"));
		visible(By.id("upload-dialog"));
		click(By.xpath("//div[@id='upload-dialog']//button[text()='Refresh the tags from Mailchimp']"));
		visible(By.cssSelector("#upload-dialog input[name=tag][value=Champion]"));
		check("upload-dialog");
		click(By.cssSelector("#upload-dialog input[name=tag][value=Champion]"));
		click(By.cssSelector("#upload-dialog button[value=false]"));
		// the title, not the page's text: a step may show Completed while the run goes
		waitForTitle("Completed");
		assertThat(browser.getTitle()).startsWith("Upload To Mailchimp · run ").contains("Completed");
		assertThat(sandbox.audience().member("carl@example.com").orElseThrow().tags()).containsExactly("Champion");
		check("upload-run");

		// Data › Mailchimp Contacts and Tags, downloaded by the browser
		menu("Data", "Mailchimp Contacts and Tags");
		check("data");
		click(By.xpath("//button[text()='Export']"));
		waitFor("Download the workbook");
		click(By.partialLinkText("Download the workbook"));
		Path workbook = await().atMost(Duration.ofSeconds(30)).until(RealBrowserTests::downloaded, (f) -> f != null);

		// Data › Import › Import Mailchimp Contacts and Tags: that workbook, previewed
		menu("Data", "Import Mailchimp Contacts and Tags");
		browser.findElement(By.name("file")).sendKeys(workbook.toString());
		click(By.cssSelector("#import button[value=true]"));
		waitForTitle("Completed");
		assertThat(browser.getPageSource()).contains("Rows read");
		check("import-preview");

		// a contact's Communications tab: a tag edit reaches Mailchimp
		click(By.linkText("Contacts"));
		type("q", "bob");
		click(By.xpath("//button[text()='Search']"));
		check("contacts");
		click(By.linkText("bob@example.com"));
		click(By.id("communications-tab"));
		check("contact-communications");
		click(By.xpath("//label[text()='VIP']"));
		click(By.xpath("//button[text()='Save']"));
		waitFor("Tags saved.");
		assertThat(sandbox.audience().member("bob@example.com").orElseThrow().tags()).contains("VIP");
		// its History tab: the edit with its user, the upload before it with its run
		click(By.id("history-tab"));
		visible(By.id("contact-history"));
		assertThat(browser.findElement(By.id("contact-history")).getText()).contains("tag VIP added", "ann (console)",
				"by hand", "Mailchimp status none → subscribed", "Upload To Mailchimp (run ");
		check("contact-history");

		click(By.linkText("Jobs"));
		waitFor("Import folder");
		check("jobs");

		// the schedule: the nightly download paused, for every instance
		click(By.linkText("Schedule"));
		waitFor("When the nightly download runs");
		click(By.cssSelector("button[aria-label='Pause: Nightly Download To Kapta']"));
		waitFor("paused on every instance");
		assertThat(browser.findElement(By.cssSelector("#task-download-tags .badge")).getText()).isEqualTo("Paused");
		check("schedule");

		// Activity: who did all of the above, from where
		click(By.linkText("Activity"));
		visible(By.id("activity"));
		assertThat(browser.findElement(By.cssSelector("a.nav-link.active")).getText()).isEqualTo("Activity");
		assertThat(browser.findElement(By.id("activity")).getText()).contains("schedule changed", "contact tags edited",
				"job launched", "settings saved", "ann", "console", "127.0.0.1");
		new Select(browser.findElement(By.id("what"))).selectByVisibleText("job launched");
		click(By.xpath("//button[text()='Find']"));
		await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("what=job-launched"));
		assertThat(browser.findElement(By.id("activity")).getText()).contains("upload", "export", "import")
			.doesNotContain("schedule changed");
		check("activity");
	}

	/**
	 * Deque's axe-core on the page as it shows now: no serious or critical violation; and
	 * the page saved as a screenshot ({@link #SCREENS}).
	 */
	private static void check(String screen) throws IOException {
		Results results = new AxeBuilder().analyze(browser);
		List<String> violations = results.getViolations()
			.stream()
			.filter((rule) -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
			.map((rule) -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
					+ rule.getNodes().stream().map((node) -> String.valueOf(node.getTarget())).toList())
			.toList();
		assertThat(violations).as("axe-core on %s (%s)", screen, browser.getCurrentUrl()).isEmpty();
		Path shot = Files.createDirectories(SCREENS).resolve(String.format("%02d-%s.png", ++screens, screen));
		Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
	}

	/**
	 * Opens a menu of the navigation bar and picks one of its items, as a person does.
	 */
	private static void menu(String menu, String item) {
		click(By.xpath("//nav//a[contains(@class,'dropdown-toggle') and text()='" + menu + "']"));
		visible(By.linkText(item));
		click(By.linkText(item));
	}

	private static void visible(By what) {
		new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(what));
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

	private static void waitForTitle(String text) {
		new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.titleContains(text));
	}

	private static void waitFor(String text) {
		new WebDriverWait(browser, Duration.ofSeconds(30))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), text));
	}

}
